import { getSchema } from '@tiptap/core'
import { Node as PmNode, type Schema } from '@tiptap/pm/model'
import { bodyLimitProblem, type BodyDoc, type DocNode } from '../domain/DocNode'
import { editorExtensions, HEADING_LEVELS, isAllowedLink } from './editorExtensions'

let cached: Schema | undefined

/** The ProseMirror schema of an article body, built once from the same extensions as the editor. */
export function bodySchema(): Schema {
  cached ??= getSchema(editorExtensions())
  return cached
}

/** Problems that make a body unfit to store: unknown nodes, wrong nesting, unsafe links. Empty when fine. */
export function validateBody(body: BodyDoc): string[] {
  return checkBody(body).problems
}

/**
 * The body as the editor schema reads it, and what makes it unfit to store. The body comes back
 * through ProseMirror, which keeps only the attributes the schema declares: an `onclick` or any other
 * attribute smuggled into a node or a mark is dropped, never stored. Its size and nesting are
 * measured first (see BODY_LIMITS), so nothing below recurses into a body too deep for the stack.
 */
export function checkBody(body: BodyDoc): { body: BodyDoc; problems: string[] } {
  const tooBig = bodyLimitProblem(body)
  if (tooBig) return { body, problems: [tooBig] }
  let doc: PmNode
  try {
    doc = PmNode.fromJSON(bodySchema(), body)
    doc.check()
  } catch (error) {
    return {
      body,
      problems: [
        `The body does not fit the editor schema: ${error instanceof Error ? error.message : String(error)}`,
      ],
    }
  }
  const problems: string[] = []
  doc.descendants((node) => {
    if (
      node.type.name === 'heading' &&
      !HEADING_LEVELS.some((level) => level === node.attrs['level'])
    ) {
      problems.push(
        `The body has a heading level the desk does not use: ${String(node.attrs['level'])}`,
      )
    }
    for (const mark of node.marks) {
      const href: unknown = mark.attrs['href']
      if (mark.type.name === 'link' && (typeof href !== 'string' || !isAllowedLink(href))) {
        problems.push(
          `The body has a link that is not allowed: ${String(href).slice(0, 80)} (links must be full http://, https:// or mailto: addresses)`,
        )
      }
    }
  })
  const json: { content?: DocNode[] } = doc.toJSON()
  return { body: json.content ? { type: 'doc', content: json.content } : { type: 'doc' }, problems }
}
