import { describe, expect, it } from 'vitest'
import type { BodyDoc, DocNode } from '../domain/DocNode'
import { sameJson } from './storedBlocks'
import { checkBody, type BodyCheckOptions } from './validateBody'

const text = (value: string, href?: string): DocNode =>
  href
    ? { type: 'text', text: value, marks: [{ type: 'link', attrs: { href } }] }
    : { type: 'text', text: value }
const paragraph = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content })
const figure = (caption: string): DocNode => ({
  type: 'figure',
  attrs: {
    mediaId: `${'b'.repeat(64)}.jpg`,
    caption,
    credit: 'Agency',
    creator: 'Someone',
    copyright: '© Agency',
    altText: 'What it shows',
  },
})
const doc = (...content: DocNode[]): BodyDoc => ({ type: 'doc', content })
const copy = (body: BodyDoc): BodyDoc => JSON.parse(JSON.stringify(body)) as BodyDoc

/** checkBody given the stored body before, beside checkBody without it: they must agree. */
function bothWays(body: BodyDoc, previous: BodyDoc, options: BodyCheckOptions = {}) {
  const plain = checkBody(copy(body), options)
  const reusing = checkBody(copy(body), { ...options, previous })
  expect(reusing.problems).toEqual(plain.problems)
  expect(JSON.stringify(reusing.body)).toBe(JSON.stringify(plain.body))
  return reusing
}

describe('checkBody with the body stored before', () => {
  const stored = checkBody(
    doc(
      paragraph(text('First.')),
      figure('One'),
      paragraph(text('A '), text('link', 'HTTPS://Example.ORG')),
      figure('Two'),
      paragraph(text('Last.')),
    ),
  ).body

  it('stores what it stores without it, and takes the unchanged blocks as they were stored', () => {
    const edited = copy(stored)
    edited.content?.splice(2, 0, paragraph(text('New in the middle.')))
    const { body } = bothWays(edited, stored)
    const before = stored.content ?? []
    const after = body.content ?? []
    // Reused, not made again: the blocks before and after the edit are the stored ones.
    expect(after[0]).toBe(before[0])
    expect(after[1]).toBe(before[1])
    expect(after[4]).toBe(before[3])
    expect(after[5]).toBe(before[4])
    expect(after[2]).not.toBe(before[2])
  })

  it('agrees on every refusal: an unknown node, a heading level, a picture, a link', () => {
    const cases: DocNode[] = [
      { type: 'marquee', content: [text('Blink')] },
      { type: 'heading', attrs: { level: 6 }, content: [text('Deep')] },
      figure('x'.repeat(100_000)),
      paragraph(text('bad', 'javascript:alert(1)')),
    ]
    for (const block of cases) {
      const edited = copy(stored)
      edited.content?.splice(1, 0, block)
      expect(bothWays(edited, stored).problems).not.toEqual([])
    }
  })

  it('keeps a link the article already had, as without it', () => {
    const older = doc(paragraph(text('old', '/news/older')), figure('One'))
    const keepLink = (href: string) => href === '/news/older'
    const kept = checkBody(older, { keepLink })
    expect(kept.problems).toEqual([])
    const edited = copy(kept.body)
    edited.content?.push(paragraph(text('More.')))
    expect(bothWays(edited, kept.body, { keepLink }).problems).toEqual([])
    expect(bothWays(edited, kept.body).problems).not.toEqual([])
  })

  it('reads a body with more than a type and content whole', () => {
    const edited = { ...copy(stored), attrs: { onclick: 'x' } }
    bothWays(edited, stored)
  })
})

describe('sameJson', () => {
  it('compares key for key in any order, arrays in order', () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true)
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false)
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(false)
    expect(sameJson([1, 2], [2, 1])).toBe(false)
    expect(sameJson({ 0: 1 }, [1])).toBe(false)
    expect(sameJson('1', 1)).toBe(false)
  })
})
