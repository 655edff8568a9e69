import { describe, expect, it } from 'vitest'
import { BODY_LIMITS, bodyLimitProblem, type BodyLimits } from './bodyLimits'

const count = new Intl.NumberFormat('en')

/** The walk as it was before flat attributes were measured without an object per value. */
function reference(body: unknown, limits: BodyLimits): string | null {
  let parts = 0
  let characters = 0
  const tooMany = () =>
    parts > limits.parts
      ? `The body has more than ${count.format(limits.parts)} parts (paragraphs, list items, links and other formatting); split the story.`
      : characters > limits.characters
        ? `The body is longer than ${count.format(limits.characters)} characters; split the story.`
        : null
  const measureAttrs = (attrs: unknown): string | null => {
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
  const nodes: { node: unknown; depth: number }[] = [{ node: body, depth: 0 }]
  for (let item = nodes.pop(); item; item = nodes.pop()) {
    const { node, depth } = item
    if (!isRecord(node)) continue
    if (depth > limits.depth) return `too deep: ${limits.depth}`
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
      for (const child of content) nodes.push({ node: child, depth: depth + 1 })
  }
  return null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A small seeded generator (mulberry32), so a failure names a body that comes back. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomBody(random: () => number): unknown {
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)] as T
  const text = () => 'word '.repeat(Math.floor(random() * 6))
  const value = (depth: number): unknown => {
    const kind = random()
    if (depth < 4 && kind < 0.08) return { inner: value(depth + 1), more: text() }
    if (depth < 4 && kind < 0.12) return [value(depth + 1), text()]
    return pick<unknown>([text(), 12, true, null, 'https://example.org/x', undefined])
  }
  const attrs = () =>
    Object.fromEntries(
      Array.from({ length: Math.floor(random() * 7) }, (_, i) => [`key${i}`, value(0)]),
    )
  const node = (depth: number): unknown => {
    if (depth > 3 || random() < 0.4)
      return {
        type: 'text',
        text: text(),
        ...(random() < 0.5 ? { marks: [{ type: 'link', attrs: attrs() }, { type: 'bold' }] } : {}),
      }
    return {
      type: pick(['paragraph', 'figure', 'heading', 'bulletList']),
      ...(random() < 0.6 ? { attrs: attrs() } : {}),
      content: Array.from({ length: Math.floor(random() * 5) }, () => node(depth + 1)),
    }
  }
  return {
    type: 'doc',
    content: Array.from({ length: 1 + Math.floor(random() * 8) }, () => node(0)),
  }
}

describe('bodyLimitProblem', () => {
  it('gives what the walk with an object per value gave, limit by limit, on 3,000 bodies', () => {
    const random = seeded(16)
    for (let round = 0; round < 3000; round += 1) {
      const body = randomBody(random)
      const limits: BodyLimits = {
        depth: Math.floor(random() * 6),
        parts: 5 + Math.floor(random() * 120),
        characters: 20 + Math.floor(random() * 1500),
        attrDepth: Math.floor(random() * 5),
      }
      const expected = reference(body, limits)
      const actual = bodyLimitProblem(body, limits)
      // The depth message is the module's own; the rest is compared word for word.
      if (expected?.startsWith('too deep')) expect(actual).toMatch(/nested more than/)
      else expect(actual, JSON.stringify({ body, limits })).toBe(expected)
    }
  })

  it('counts a figure’s flat attributes, keys and all, as the general walk does', () => {
    const attrs = { mediaId: 'a'.repeat(64), caption: 'A caption', credit: '', altText: 'Alt' }
    const body = { type: 'doc', content: [{ type: 'figure', attrs }] }
    for (const characters of [50, 100, 120, 123, 124, 125, 200])
      expect(bodyLimitProblem(body, { ...BODY_LIMITS, characters })).toBe(
        reference(body, { ...BODY_LIMITS, characters }),
      )
  })
})
