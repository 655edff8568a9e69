import { z } from 'zod'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Article } from '../../shared/domain/Article'
import type { DocNode } from '../../shared/domain/DocNode'
import { newArticle } from '../../shared/domain/newArticle'
import { toNinjs } from '../../shared/export/toNinjs'
import { toPublishJson } from '../../shared/export/toPublishJson'
import { parseWireText } from '../../shared/import/parseWireText'
import { validateExport } from './schemaValidators'

/** The ninjs bodies, as a reader of the export would take them. */
const Bodies = z.array(z.object({ value: z.string() }))

const fixture = readFileSync(
  fileURLToPath(new URL('../../../tests/fixtures/wire-india-japan-ties.txt', import.meta.url)),
  'utf8',
)
const options = {
  exportedAt: '2026-01-23T12:00:00.000Z',
  generator: 'Copydesk test',
  comments: { enabled: true, minLength: 50 },
}
const ninjsOptions = { language: 'en', uriBase: 'urn:copydesk:article:' }
const approved = (fields: Partial<Article>): Article => ({
  ...newArticle({
    id: '6f1c2a5e-3b7d-4e8f-9a0b-1c2d3e4f5a6b',
    author: 'Asha Rao',
    now: '2026-01-23T09:00:00.000Z',
  }),
  slug: 'india-japan-ties',
  status: 'approved',
  approval: { by: 'Vikram Desk', at: '2026-01-23T11:00:00.000Z' },
  ...fields,
})
const text = (t: string, marks?: DocNode['marks']): DocNode => ({
  type: 'text',
  text: t,
  ...(marks ? { marks } : {}),
})
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content })

const wire = approved(parseWireText(fixture, new Date('2026-11-26')).fields)

describe('Copydesk publish JSON', () => {
  it('the fixture validates, with blocks, sanitized HTML, "2 min read" and the dateline', () => {
    const json = toPublishJson(wire, options)
    expect(validateExport('copydesk', json)).toEqual([])
    expect(json).toMatchObject({
      final: true,
      readingTime: { label: '2 min read' },
      dateline: { text: 'New Delhi, Jan 23' },
      credit: 'IANS',
    })
    expect(json.body.html).toContain(
      '<p><span class="dateline" data-copydesk="dateline">New Delhi, Jan 23</span>: The India-Japan',
    )
    expect(json.body.html).toContain(
      '<figure class="pull-quote" data-copydesk="pull-quote"><blockquote><p>These steps aim',
    )
    expect(json.body.blocks.some((b) => b.type === 'pullQuote')).toBe(true)
    expect(json.comments).toEqual({ enabled: true, minLength: 50 })
  })

  it('every block type, marks and links validate; text is escaped', () => {
    const body = {
      type: 'doc' as const,
      content: [
        p(
          text('Lead <script>alert(1)</script> & more', [{ type: 'bold' }]),
          { type: 'hardBreak' },
          text('link', [{ type: 'link', attrs: { href: 'https://x.org/?a=1&b=2' } }]),
        ),
        { type: 'heading', attrs: { level: 3 }, content: [text('Sub')] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                p(text('one')),
                {
                  type: 'orderedList',
                  content: [{ type: 'listItem', content: [p(text('nested'))] }],
                },
              ],
            },
          ],
        },
        { type: 'blockquote', content: [p(text('quoted', [{ type: 'italic' }]))] },
        {
          type: 'pullQuote',
          content: [
            { type: 'pullQuoteText', content: [text('Q')] },
            { type: 'pullQuoteAttribution', content: [text('Who')] },
          ],
        },
      ],
    }
    const json = toPublishJson(
      approved({ headline: 'All blocks', dateline: { place: 'Tokyo', date: '2026-01-23' }, body }),
      options,
    )
    expect(validateExport('copydesk', json)).toEqual([])
    expect(json.body.html).toContain('Lead &lt;script&gt;alert(1)&lt;/script&gt; &amp; more')
    expect(json.body.html).toContain('href="https://x.org/?a=1&amp;b=2"')
    expect(
      validateExport('ninjs', toNinjs(approved({ headline: 'All blocks', body }), ninjsOptions)),
    ).toEqual([])
  })

  it('empty optional parts, non-Latin scripts and a very long body validate', () => {
    const long = {
      type: 'doc' as const,
      content: Array.from({ length: 300 }, (_, i) => p(text(`Paragraph ${i} `.repeat(10)))),
    }
    const hindi = approved({
      headline: 'भारत और जापान ने संबंध मजबूत किए',
      slug: 'भारत-और-जापान',
      dateline: { place: 'नई दिल्ली', date: '2026-01-23' },
      body: { type: 'doc', content: [p(text('भारत और जापान के विदेश मंत्रियों की बातचीत।'))] },
    })
    for (const article of [
      approved({ headline: 'Bare', dateline: { place: 'Kochi', date: '2026-06-01' }, body: long }),
      hindi,
    ]) {
      expect(validateExport('copydesk', toPublishJson(article, options))).toEqual([])
      expect(validateExport('ninjs', toNinjs(article, ninjsOptions))).toEqual([])
    }
  })

  it('a draft leaves only as a preview, marked as not approved in the file itself', () => {
    const draft = { ...wire, status: 'draft' as const, approval: null }
    const json = toPublishJson(draft, options)
    expect(json).toMatchObject({
      final: false,
      notice: expect.stringMatching(/PREVIEW: not approved/),
    })
    expect(validateExport('copydesk', json)).toEqual([])
    expect(toNinjs(draft, ninjsOptions)).toMatchObject({
      pubStatus: 'withheld',
      edNote: expect.stringMatching(/PREVIEW/),
    })
  })

  it('names every failing field of an incomplete article', () => {
    const json = toPublishJson(
      approved({ headline: '', dateline: { place: '', date: null } }),
      options,
    )
    const paths = validateExport('copydesk', json).map((problem) => problem.path)
    expect(paths).toEqual(
      expect.arrayContaining(['/headline', '/dateline/place', '/dateline/date', '/wordCount']),
    )
    const tampered = { ...toPublishJson(wire, options), extra: true, final: 'yes' }
    expect(validateExport('copydesk', tampered).map((p) => `${p.path} ${p.message}`)).toEqual(
      expect.arrayContaining(['/ has an unknown property "extra"', '/final must be boolean']),
    )
  })
})

describe('IPTC ninjs 3.1', () => {
  it('the fixture validates against the official schema, with every mapped part', () => {
    const ninjs = toNinjs(wire, ninjsOptions)
    expect(validateExport('ninjs', ninjs)).toEqual([])
    expect(ninjs).toMatchObject({
      uri: 'urn:copydesk:article:6f1c2a5e-3b7d-4e8f-9a0b-1c2d3e4f5a6b',
      type: 'text',
      pubStatus: 'usable',
      headlines: [
        { role: 'main', value: wire.headline },
        { role: 'deck', value: 'India, Japan bolster strategic and economic ties' },
      ],
      descriptions: [{ role: 'summary' }],
      located: 'New Delhi',
      infoSources: [{ name: 'IANS', role: 'http://cv.iptc.org/newscodes/infosourcerole/originfo' }],
      language: 'en',
    })
    const value = Bodies.parse(ninjs['bodies'])[0]?.value ?? ''
    expect(value).toMatch(
      /^<div><aside class="key-points" data-copydesk="key-points"><h2>India-Japan Strategic Partnership/,
    )
    expect(value).toContain('<figure class="pull-quote" data-copydesk="pull-quote">')
  })

  it('rejects what ninjs does not define', () => {
    expect(
      validateExport('ninjs', { ...toNinjs(wire, ninjsOptions), keywords: ['x'] })[0]?.message,
    ).toMatch(/unknown property "keywords"|must NOT have unevaluated properties/)
  })
})
