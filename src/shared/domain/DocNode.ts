import { z } from 'zod'

/** A mark on a text node in TipTap/ProseMirror JSON (bold, link, ...). */
export const DocMark = z.object({
  type: z.string().min(1),
  attrs: z.record(z.string(), z.unknown()).optional(),
})
export type DocMark = z.infer<typeof DocMark>

/** A node in TipTap/ProseMirror JSON. Structure only: the editor schema checks node types. */
export type DocNode = {
  type: string
  attrs?: Record<string, unknown> | undefined
  content?: DocNode[] | undefined
  marks?: DocMark[] | undefined
  text?: string | undefined
}

export const DocNode: z.ZodType<DocNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(DocNode).optional(),
    marks: z.array(DocMark).optional(),
    text: z.string().optional(),
  }),
)

/** The body of an article: a TipTap document. */
export const BodyDoc = z.object({
  type: z.literal('doc'),
  content: z.array(DocNode).optional(),
})
export type BodyDoc = z.infer<typeof BodyDoc>

/** An empty body: one empty paragraph, as TipTap creates it. */
export function emptyBody(): BodyDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] }
}
