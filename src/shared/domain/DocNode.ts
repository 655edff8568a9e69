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

/**
 * What a body may hold, far beyond any real story (a long read is a few thousand nodes, lists nest a
 * handful of levels): past these, parsing, rendering and writing it recurse too deep or take too long.
 */
export const BODY_LIMITS = {
  /** Nodes inside one another below the document: lists in lists, quotes in quotes. */
  depth: 64,
  /** Nodes and marks in the whole body. */
  parts: 100_000,
  /** Characters of text and attributes in the whole body. */
  characters: 5_000_000,
  /** Objects and arrays inside one another within a node's or mark's attributes. */
  attrDepth: 8,
} as const

const count = new Intl.NumberFormat('en')

/**
 * Why `body` is over BODY_LIMITS, or null. Walks the value with a stack of its own (never by
 * recursion, so a body nested a million levels deep is measured, not a stack overflow), stops at the
 * first limit crossed, and leaves the shape to the schema: anything it does not recognise is skipped.
 */
export function bodyLimitProblem(body: unknown): string | null {
  let parts = 0
  let characters = 0
  const nodes: { node: unknown; depth: number }[] = [{ node: body, depth: 0 }]
  const tooMany = () =>
    parts > BODY_LIMITS.parts
      ? `The body has more than ${count.format(BODY_LIMITS.parts)} parts (paragraphs, list items, formatting); split the story.`
      : characters > BODY_LIMITS.characters
        ? `The body is longer than ${count.format(BODY_LIMITS.characters)} characters; split the story.`
        : null
  const measureAttrs = (attrs: unknown): string | null => {
    const values: { value: unknown; depth: number }[] = [{ value: attrs, depth: 0 }]
    for (let item = values.pop(); item; item = values.pop()) {
      const { value, depth } = item
      if (typeof value === 'string') characters += value.length
      if (typeof value !== 'object' || value === null) continue
      if (depth >= BODY_LIMITS.attrDepth)
        return `The body has attributes nested more than ${BODY_LIMITS.attrDepth} levels deep.`
      const entries = Array.isArray(value) ? value : Object.entries(value)
      parts += entries.length
      const problem = tooMany()
      if (problem) return problem
      for (const entry of entries) values.push({ value: entry, depth: depth + 1 })
    }
    return null
  }
  for (let item = nodes.pop(); item; item = nodes.pop()) {
    const { node, depth } = item
    if (!isRecord(node)) continue
    if (depth > BODY_LIMITS.depth)
      return `The body is nested more than ${BODY_LIMITS.depth} levels deep (lists or quotes inside one another); Copydesk keeps at most ${BODY_LIMITS.depth}.`
    parts += 1
    if (typeof node['text'] === 'string') characters += node['text'].length
    const attrsProblem = measureAttrs(node['attrs'])
    if (attrsProblem) return attrsProblem
    const marks = node['marks']
    if (Array.isArray(marks)) {
      parts += marks.length
      for (const mark of marks) {
        const markProblem = isRecord(mark) ? measureAttrs(mark['attrs']) : null
        if (markProblem) return markProblem
      }
    }
    const content = node['content']
    if (Array.isArray(content)) {
      parts += content.length
      for (const child of content) nodes.push({ node: child, depth: depth + 1 })
    }
    const problem = tooMany()
    if (problem) return problem
  }
  return null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const BodyDocShape = z.object({
  type: z.literal('doc'),
  content: z.array(DocNode).optional(),
})

/**
 * The body of an article: a TipTap document. Its size and nesting are measured first, so the
 * recursive parse that follows never meets a body too deep for it (see BODY_LIMITS).
 */
export const BodyDoc = z
  .custom<z.input<typeof BodyDocShape>>()
  .superRefine((value, ctx) => {
    const problem = bodyLimitProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
  .pipe(BodyDocShape)
export type BodyDoc = z.infer<typeof BodyDoc>

/** An empty body: one empty paragraph, as TipTap creates it. */
export function emptyBody(): BodyDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] }
}
