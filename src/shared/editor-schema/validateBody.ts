import { getSchema } from '@tiptap/core'
import { Fragment, Node as PmNode, type Schema } from '@tiptap/pm/model'
import { bodyLimitProblem, type BodyDoc, type DocNode } from '../domain/DocNode'
import { editorExtensions, HEADING_LEVELS } from './editorExtensions'
import { figureProblem } from './figure/figure'
import { normalizeLink } from './normalizeLink'
import { rememberStoredBlock, reusableBlocks } from './storedBlocks'

export { linksIn } from './bodyLinkChecks'

let cached: Schema | undefined

/** The ProseMirror schema of an article body, built once from the same extensions as the editor. */
export function bodySchema(): Schema {
  cached ??= getSchema(editorExtensions())
  return cached
}

export type BodyCheckOptions = {
  /**
   * Whether a link a save would refuse may stay: one the article already had, stored by an older
   * Copydesk (`/news/older`). It is kept as it is and flagged by the checks, which block Submit until
   * it is fixed: an edit elsewhere in the story is never refused for it.
   */
  keepLink?: ((href: string) => boolean) | undefined
  /**
   * The body as this process stored it before (made by checkBody): a block of it the new body has
   * unchanged at its start or end is not read through ProseMirror again, nor written out again; the
   * checks run over every block as ever.
   */
  previous?: BodyDoc | undefined
}

/** Problems that make a body unfit to store: unknown nodes, wrong nesting, unsafe links. Empty when fine. */
export function validateBody(body: BodyDoc, options?: BodyCheckOptions): string[] {
  return checkBody(body, options).problems
}

/** How many examples a problem names before "and N more": a message stays a sentence. */
const EXAMPLES = 3
const MESSAGE_MAX = 300

/**
 * The body as it is stored, and what makes it unfit to store. The body comes back through
 * ProseMirror, which keeps only the attributes the schema declares: an `onclick` or any other
 * attribute smuggled into a node or a mark is dropped, never stored. Every link is kept normalised
 * (normalizeLink: `HTTPS://X.ORG` is `https://x.org/`, `www.x.org` is `https://www.x.org/`). Its size
 * and nesting are measured first, and again as stored (ProseMirror adds each link's default
 * attributes), so nothing recurses into a body too deep for the stack.
 */
export function checkBody(
  body: BodyDoc,
  options: BodyCheckOptions = {},
): { body: BodyDoc; problems: string[] } {
  const tooBig = bodyLimitProblem(body)
  if (tooBig) return { body, problems: [tooBig] }
  let doc: PmNode
  const reused = options.previous ? reusableBlocks(body, options.previous) : undefined
  try {
    doc = reused ? docOf(body, reused) : PmNode.fromJSON(bodySchema(), body)
    doc.check()
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { body, problems: [`The body does not fit the editor schema: ${shorten(detail)}`] }
  }
  const levels: string[] = []
  const refused: string[] = []
  const figures: string[] = []
  doc.descendants((node) => {
    const figure = node.type.name === 'figure' ? figureProblem(node.attrs) : null
    if (figure) figures.push(figure)
    if (node.type.name === 'heading' && !HEADING_LEVELS.some((l) => l === node.attrs['level']))
      levels.push(String(node.attrs['level']))
    for (const mark of node.marks) {
      const href: unknown = mark.attrs['href']
      if (mark.type.name !== 'link') continue
      if (typeof href !== 'string') refused.push(String(href))
      else if (normalizeLink(href) === null && !options.keepLink?.(href)) refused.push(href)
    }
  })
  const problems: string[] = []
  if (levels.length > 0)
    problems.push(
      `The body has ${levels.length === 1 ? 'a heading level' : `${levels.length.toLocaleString('en')} headings at levels`} the desk does not use: ${examples(levels)}.`,
    )
  if (refused.length > 0)
    problems.push(
      `The body has ${refused.length === 1 ? 'a link that is' : `${refused.length.toLocaleString('en')} links that are`} not allowed: ${examples(refused)} (links must be full http://, https:// or mailto: addresses).`,
    )
  if (figures.length > 0)
    problems.push(
      `The body has ${figures.length === 1 ? 'a picture that is' : `${figures.length.toLocaleString('en')} pictures that are`} not fit to store: ${examples(figures)}.`,
    )
  const content: DocNode[] = []
  doc.forEach((node, _offset, index) => {
    const same = reused?.[index]
    if (same) {
      content.push(same.block)
      return
    }
    const block: DocNode = node.toJSON()
    if (!normalizeLinks(block)) rememberStoredBlock(block, node)
    content.push(block)
  })
  const stored: BodyDoc = content.length > 0 ? { type: 'doc', content } : { type: 'doc' }
  const asStored = problems.length === 0 ? bodyLimitProblem(stored) : null
  if (asStored) problems.push(asStored)
  return { body: stored, problems }
}

/** The document of `body`, its reused blocks taken as they are; as PmNode.fromJSON makes it. */
function docOf(body: BodyDoc, reused: ({ node: PmNode } | undefined)[]): PmNode {
  const schema = bodySchema()
  const blocks = (body.content ?? []).map(
    (block, index) => reused[index]?.node ?? PmNode.fromJSON(schema, block),
  )
  const type = schema.nodes[body.type]
  if (!type) throw new RangeError(`Unknown node type: ${body.type}`)
  return type.create(undefined, Fragment.fromArray(blocks))
}

/**
 * Rewrites each link of `block` in place to its normalised address; one that has none stays.
 * Whether any address was rewritten.
 */
function normalizeLinks(block: DocNode): boolean {
  let changed = false
  const nodes: DocNode[] = [block]
  for (let node = nodes.pop(); node; node = nodes.pop()) {
    for (const mark of node.marks ?? []) {
      const href = mark.attrs?.['href']
      if (mark.type !== 'link' || typeof href !== 'string' || !mark.attrs) continue
      const normal = normalizeLink(href)
      if (normal !== null && normal !== href) {
        mark.attrs['href'] = normal
        changed = true
      }
    }
    for (const child of node.content ?? []) nodes.push(child)
  }
  return changed
}

function examples(values: string[]): string {
  const named = values.slice(0, EXAMPLES).map((value) => shorten(value, 80))
  const more = values.length - named.length
  return more > 0 ? `${named.join(', ')} and ${more.toLocaleString('en')} more` : named.join(', ')
}

function shorten(text: string, max = MESSAGE_MAX): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
