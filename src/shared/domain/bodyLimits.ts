/** How far a body may go in one respect: nesting, parts, characters, attribute nesting. */
export type BodyLimits = {
  /** Nodes inside one another below the document: lists in lists, quotes in quotes. */
  depth: number
  /** Nodes and marks in the whole body: paragraphs, list items, text runs, bold, links. */
  parts: number
  /** Characters of text and attributes in the whole body. */
  characters: number
  /** Objects and arrays inside one another within a node's or mark's attributes. */
  attrDepth: number
}

/**
 * What a body may hold when it is saved, far beyond any real story (a long read is a few thousand
 * parts, lists nest a handful of levels, a 10,000-word story with a link on every word is 20,000
 * parts). Every save, import and restore is held to these.
 */
export const BODY_LIMITS: BodyLimits = {
  depth: 64,
  parts: 100_000,
  characters: 5_000_000,
  attrDepth: 8,
}

/**
 * What a stored body may hold to be read: far above BODY_LIMITS, so a story an older Copydesk kept
 * (a pasted mail thread quoted 70 levels deep, 200,000 parts) still opens, and below what the readers
 * survive. Measured on Node 20: ProseMirror's fromJSON overflows the stack near 1,900 levels,
 * JSON.stringify near 2,500; the body's own shape check walks without recursion.
 */
export const READ_BODY_LIMITS: BodyLimits = {
  depth: 1_000,
  parts: 5_000_000,
  characters: 200_000_000,
  attrDepth: 100,
}

const count = new Intl.NumberFormat('en')

/**
 * Why `body` is over `limits`, or null. Walks the value with a stack of its own (never by recursion,
 * so a body nested a million levels deep is measured, not a stack overflow), stops at the first limit
 * crossed, and leaves the shape to the schema: anything it does not recognise is skipped. Parts are
 * what an editor sees (nodes and marks); attributes count towards the characters.
 */
export function bodyLimitProblem(body: unknown, limits: BodyLimits = BODY_LIMITS): string | null {
  let parts = 0
  let characters = 0
  const tooMany = () =>
    parts > limits.parts
      ? `The body has more than ${count.format(limits.parts)} parts (paragraphs, list items, links and other formatting); split the story.`
      : characters > limits.characters
        ? `The body is longer than ${count.format(limits.characters)} characters; split the story.`
        : null
  /**
   * Attributes whose values are all text, numbers, booleans or null (a figure's, a link's, a
   * heading's: nearly all), measured in the order the general walk below takes, with the same
   * checks at the same points, but without an object per value: a body's attributes were most of
   * what a save left to the collector.
   */
  const measureFlatAttrs = (attrs: Record<string, unknown>): string | null => {
    const keys = Object.keys(attrs)
    characters += 1
    let problem = tooMany()
    // The walk takes the last entry first, and checks each entry before its key and value count.
    for (let i = keys.length - 1; i >= 0 && !problem; i -= 1) {
      const key = keys[i] ?? ''
      const value = attrs[key]
      characters += 1
      problem = tooMany()
      characters += key.length + (typeof value === 'string' ? value.length : 1)
    }
    return problem
  }
  const measureAttrs = (attrs: unknown): string | null => {
    // An entry is one level below its object: flat attributes are two deep.
    if (limits.attrDepth >= 2 && isFlatRecord(attrs)) return measureFlatAttrs(attrs)
    const values: { value: unknown; depth: number }[] = [{ value: attrs, depth: 0 }]
    for (let item = values.pop(); item; item = values.pop()) {
      const { value, depth } = item
      characters += typeof value === 'string' ? value.length : 1
      if (typeof value !== 'object' || value === null) continue
      if (depth >= limits.attrDepth)
        return `The body has attributes nested more than ${limits.attrDepth} levels deep.`
      const entries = Array.isArray(value) ? value : Object.entries(value)
      const problem = tooMany()
      if (problem) return problem
      for (const entry of entries) values.push({ value: entry, depth: depth + 1 })
    }
    return null
  }
  // Two stacks side by side rather than an object per node.
  const nodes: unknown[] = [body]
  const depths: number[] = [0]
  while (nodes.length > 0) {
    const node = nodes.pop()
    const depth = depths.pop() ?? 0
    if (!isRecord(node)) continue
    if (depth > limits.depth) return tooDeep(limits)
    parts += 1
    if (typeof node['text'] === 'string') characters += node['text'].length
    if (node['attrs'] !== undefined) {
      const attrsProblem = measureAttrs(node['attrs'])
      if (attrsProblem) return attrsProblem
    }
    const marks = node['marks']
    if (Array.isArray(marks)) {
      parts += marks.length
      for (const mark of marks) {
        const markProblem = isRecord(mark) ? measureAttrs(mark['attrs']) : null
        if (markProblem) return markProblem
      }
    }
    const problem = tooMany()
    if (problem) return problem
    const content = node['content']
    if (Array.isArray(content))
      for (const child of content) {
        nodes.push(child)
        depths.push(depth + 1)
      }
  }
  return null
}

function tooDeep(limits: BodyLimits): string {
  const levels = `${count.format(limits.depth)} levels`
  if (limits.depth !== BODY_LIMITS.depth)
    return `The body is nested more than ${levels} deep (lists or quotes inside one another); Copydesk reads at most ${levels} and saves at most ${BODY_LIMITS.depth}.`
  return (
    `The body is nested more than ${levels} deep (lists or quotes inside one another); Copydesk saves at most ${levels}. ` +
    'Flatten it: select the innermost quotes and press Quote to take them out, or lift the innermost list items with Shift+Tab.'
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isFlatRecord(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false
  for (const key in value) {
    const entry = value[key]
    if (typeof entry === 'object' && entry !== null) return false
  }
  return true
}
