import { describe, expect, it } from 'vitest'
import { Article, Entity, Source } from './Article'
import { countWords, docText } from './countWords'
import { newArticle } from './newArticle'
import { slugify } from './slugify'
import { summarize } from './summarize'
import { CreateArticleInput, SaveArticleInput } from '../ipc/contract'

describe('the article model', () => {
  const article = newArticle({
    id: crypto.randomUUID(),
    author: 'Asha',
    now: '2026-01-23T10:00:00.000Z',
    fields: { headline: 'Hello' },
  })

  it('starts as a complete draft at revision 1 with every part of the anatomy', () => {
    expect(Article.parse(article)).toEqual(article)
    expect(article).toMatchObject({
      schemaVersion: 1,
      status: 'draft',
      revision: 1,
      slug: 'hello',
      keyPoints: { title: 'Key Points', items: [] },
      dateline: { place: '', date: null },
      byline: [],
      credit: '',
      sources: [],
      tags: [],
    })
  })

  it('accepts only http(s) source links', () => {
    expect(
      Source.safeParse({ name: 'India Narrative', url: 'https://indianarrative.com/x' }).success,
    ).toBe(true)
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://x.org',
      'vbscript:x',
      'http://',
    ]) {
      expect(Source.safeParse({ name: 'x', url }).success).toBe(false)
    }
  })

  // Regression (H1): a source with a link but no name could not be stored (name min 1), so the
  // editor dropped it from the save and showed "Saved".
  it('keeps a source with a link and no name, but not an empty one', () => {
    expect(Source.safeParse({ name: '', url: 'https://nameless.example/' }).success).toBe(true)
    expect(Source.safeParse({ name: ' ', invalidUrl: 'javascript:alert(1)' }).success).toBe(true)
    expect(Source.safeParse({ name: '' }).success).toBe(false)
    expect(Source.safeParse({ name: ' ', invalidUrl: ' ' }).success).toBe(false)
  })

  // Regression (L6): a source could carry a link and a refused link at once.
  it('refuses a source with both a link and a refused link', () => {
    expect(
      Source.safeParse({ name: 'x', url: 'https://a.example/', invalidUrl: 'javascript:1' })
        .success,
    ).toBe(false)
  })

  // Regression (M5): the link had no length cap at all (the refused link had 2,000).
  it('caps a link and a refused link at the same length', () => {
    const long = `https://a.example/${'x'.repeat(2000)}`
    expect(Source.safeParse({ name: 'x', url: long }).success).toBe(false)
    expect(Source.safeParse({ name: 'x', invalidUrl: long }).success).toBe(false)
    expect(Source.safeParse({ name: 'x', url: long.slice(0, 2000) }).success).toBe(true)
  })

  it('rejects a dateline date that is not YYYY-MM-DD', () => {
    expect(
      Article.safeParse({ ...article, dateline: { place: 'New Delhi', date: 'Jan 23' } }).success,
    ).toBe(false)
    expect(
      Article.safeParse({ ...article, dateline: { place: 'New Delhi', date: '2026-01-23' } })
        .success,
    ).toBe(true)
  })
})

describe('slugify', () => {
  it.each([
    [
      'India, Japan Forge Stronger Ties on AI, Chips & Security',
      'india-japan-forge-stronger-ties-on-ai-chips-security',
    ],
    ["Modi's visit: what's next?", 'modis-visit-whats-next'],
    ['Café São Paulo', 'cafe-sao-paulo'],
    ['भारत और जापान', 'भारत-और-जापान'],
    ['   ', ''],
  ])('%s -> %s', (headline, slug) => {
    expect(slugify(headline)).toBe(slug)
  })

  it('cuts long slugs at a word boundary', () => {
    const slug = slugify('word '.repeat(40))
    expect(slug.length).toBeLessThanOrEqual(80)
    expect(slug.endsWith('-')).toBe(false)
  })
})

describe('word counts', () => {
  it('counts words the way an editor does', () => {
    expect(countWords("India-Japan ties: the ministers' 10th dialogue, in 2027.")).toBe(8)
    expect(countWords('')).toBe(0)
    expect(countWords('भारत और जापान')).toBe(3)
  })

  it('reads text across blocks and hard breaks without gluing words', () => {
    const body = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'one' },
            { type: 'hardBreak' },
            { type: 'text', text: 'two' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'three' }] }],
            },
          ],
        },
      ],
    }
    expect(countWords(docText(body))).toBe(3)
  })

  it('summarizes an article for the list', () => {
    const a = newArticle({ id: crypto.randomUUID(), author: 'A', now: '2026-01-23T10:00:00.000Z' })
    expect(summarize(a)).toMatchObject({ id: a.id, wordCount: 0, status: 'draft' })
  })
})

describe('agency fields (language, entities, contentCreated, copyright, feed item)', () => {
  it('a file written before them loads with their defaults', () => {
    const {
      language: _l,
      entities: _e,
      contentCreated: _c,
      copyrightHolder: _h,
      copyrightNotice: _n,
      feedItem: _f,
      ...old
    } = newArticle({ id: crypto.randomUUID(), author: 'A', now: '2026-01-23T10:00:00.000Z' })
    expect(Article.parse(old)).toMatchObject({
      language: '',
      entities: [],
      contentCreated: null,
      copyrightHolder: '',
      copyrightNotice: '',
      feedItem: null,
    })
  })
  it('a save of one field leaves them alone (a headline save once reset the feed item to null)', () => {
    const input = SaveArticleInput.parse({
      id: crypto.randomUUID(),
      baseRevision: 1,
      changes: { headline: 'New headline' },
    })
    expect(input.changes).toEqual({ headline: 'New headline' })
    expect(CreateArticleInput.parse({ fields: { headline: 'x' } }).fields).toEqual({
      headline: 'x',
    })
  })
  it('refuses a language that is not BCP 47 and a URI with a space', () => {
    const a = newArticle({ id: crypto.randomUUID(), author: 'A', now: '2026-01-23T10:00:00.000Z' })
    expect(Article.safeParse({ ...a, language: 'English!' }).success).toBe(false)
    expect(
      Article.safeParse({
        ...a,
        entities: [{ kind: 'person', name: 'X', uri: 'http://x.org/a b' }],
      }).success,
    ).toBe(false)
  })
})

describe('EntityUri (finding 13)', () => {
  it('bug: an IRI was stored as it was and blocked the ninjs export; it is stored as its URI', () => {
    expect(
      Entity.parse({ kind: 'place', name: 'Zürich', uri: 'http://dbpedia.org/resource/Zürich' })
        .uri,
    ).toBe('http://dbpedia.org/resource/Z%C3%BCrich')
  })
  it('refuses what cannot be made a URI, saying what a URI is', () => {
    const refused = Entity.safeParse({ kind: 'place', name: 'X', uri: 'wikidata Q1' })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]?.message).toMatch(/^A URI is absolute/)
  })
})
