import { z } from 'zod'
import { bodyLimitProblem, READ_BODY_LIMITS } from './bodyLimits'

export { BODY_LIMITS, READ_BODY_LIMITS, bodyLimitProblem } from './bodyLimits'

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

type BodyDocValue = { type: 'doc'; content?: DocNode[] | undefined }

/**
 * Where `value` is not a TipTap document, as "content.3.marks.0.type: …", or null. Walks with a stack
 * of its own: a recursive schema (zod's z.lazy) overflows the stack near 950 levels, below the depth
 * a stored body may have (READ_BODY_LIMITS).
 */
function docShapeProblem(value: unknown): string | null {
  if (!isRecord(value) || value['type'] !== 'doc') return 'type: expected "doc"'
  const stack: { node: unknown; path: string }[] = []
  const pushContent = (content: unknown, path: string): string | null => {
    if (content === undefined) return null
    if (!Array.isArray(content)) return `${path}content: expected an array`
    for (let i = content.length - 1; i >= 0; i -= 1)
      stack.push({ node: content[i], path: `${path}content.${i}` })
    return null
  }
  const top = pushContent(value['content'], '')
  if (top) return top
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, path } = item
    if (!isRecord(node)) return `${path}: expected a node`
    if (typeof node['type'] !== 'string' || node['type'] === '')
      return `${path}.type: expected a node type`
    if (node['attrs'] !== undefined && !isRecord(node['attrs']))
      return `${path}.attrs: expected an object`
    if (node['text'] !== undefined && typeof node['text'] !== 'string')
      return `${path}.text: expected text`
    const marks = node['marks']
    if (marks !== undefined) {
      if (!Array.isArray(marks)) return `${path}.marks: expected an array`
      const bad = marks.findIndex((mark) => !DocMark.safeParse(mark).success)
      if (bad >= 0) return `${path}.marks.${bad}: expected a mark with a type`
    }
    const problem = pushContent(node['content'], `${path}.`)
    if (problem) return problem
  }
  return null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** See markCheckedBody. */
const checkedBodies = new WeakSet<object>()

/**
 * Notes a body the store has just made with checkBody (through ProseMirror, within BODY_LIMITS): it
 * is of the document's shape and within READ_BODY_LIMITS by construction, so BodyDoc does not walk
 * it again (twice a save: the article schema's check of what the store writes, the contract's of
 * what the save answers). A body is never changed in place once made; a copy is checked as any.
 */
export function markCheckedBody(body: BodyDocValue): void {
  checkedBodies.add(body)
}

/**
 * The body of an article: a TipTap document, checked without recursion. What is read may be as big
 * as READ_BODY_LIMITS allows; what is saved is held to the smaller BODY_LIMITS by checkBody.
 */
export const BodyDoc = z.custom<BodyDocValue>().superRefine((value, ctx) => {
  if (isRecord(value) && checkedBodies.has(value)) return
  const problem = bodyLimitProblem(value, READ_BODY_LIMITS) ?? docShapeProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})
export type BodyDoc = z.infer<typeof BodyDoc>

/** An empty body: one empty paragraph, as TipTap creates it. */
export function emptyBody(): BodyDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] }
}
