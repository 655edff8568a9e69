import { describe, expect, it } from 'vitest'
import { checkArticle, passesChecks } from './checkArticle'
import { DEFAULT_DESK_SETTINGS } from './DeskSettings'
import type { DocNode } from './DocNode'
import { blankFields } from './newArticle'

const para = (text: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const quote = (text: string, attribution: string): DocNode => ({
  type: 'pullQuote',
  content: [
    { type: 'pullQuoteText', content: text ? [{ type: 'text', text }] : [] },
    {
      type: 'pullQuoteAttribution',
      content: attribution ? [{ type: 'text', text: attribution }] : [],
    },
  ],
})
const ready = () => ({
  ...blankFields(),
  headline: 'India, Japan bolster ties',
  summary: 'Ministers met.',
  keyPoints: { title: 'Key Points', items: ['a', 'b', 'c'] },
  dateline: { place: 'New Delhi', date: '2026-01-23' },
  credit: 'IANS',
  body: { type: 'doc' as const, content: [para('Body text.')] },
})
const ids = (fields: ReturnType<typeof ready>) =>
  checkArticle(fields, DEFAULT_DESK_SETTINGS).map((c) => c.id)

describe('checkArticle', () => {
  it('finds nothing in a complete article', () => {
    expect(checkArticle(ready(), DEFAULT_DESK_SETTINGS)).toEqual([])
    expect(passesChecks([])).toBe(true)
  })

  it('flags everything missing in a blank article, errors first in reading order', () => {
    const checks = checkArticle(blankFields(), DEFAULT_DESK_SETTINGS)
    expect(checks.map((c) => c.id)).toEqual([
      'headline-missing',
      'key-points-count',
      'dateline-place',
      'dateline-date',
      'byline-or-credit',
      'body-empty',
    ])
    expect(passesChecks(checks)).toBe(false)
  })

  it('warns past the desk limits, which are configurable', () => {
    const long = { ...ready(), headline: 'x'.repeat(71), summary: 'y'.repeat(201) }
    expect(ids(long)).toEqual(['headline-long', 'summary-long'])
    expect(
      checkArticle(long, { ...DEFAULT_DESK_SETTINGS, headlineLimit: 80, summaryLimit: 300 }),
    ).toEqual([])
    expect(passesChecks(checkArticle(long, DEFAULT_DESK_SETTINGS))).toBe(true)
  })

  it('wants 3 to 5 key points', () => {
    expect(ids({ ...ready(), keyPoints: { title: 'K', items: ['a', 'b'] } })).toEqual([
      'key-points-count',
    ])
    expect(
      ids({ ...ready(), keyPoints: { title: 'K', items: ['a', 'b', 'c', 'd', 'e', 'f'] } }),
    ).toEqual(['key-points-count'])
    expect(ids({ ...ready(), keyPoints: { title: 'K', items: ['a', 'b', 'c', ' '] } })).toEqual([
      'key-points-empty',
    ])
  })

  it('flags a pull quote without attribution, even nested', () => {
    const body = {
      type: 'doc' as const,
      content: [
        para('x'),
        quote('Words', ''),
        { type: 'blockquote', content: [quote('More', '')] },
      ],
    }
    const checks = checkArticle({ ...ready(), body }, DEFAULT_DESK_SETTINGS)
    expect(checks).toEqual([
      expect.objectContaining({
        id: 'pull-quote-attribution',
        field: 'body',
        message: '2 pull quotes have no attribution.',
      }),
    ])
  })

  it('accepts a byline instead of a credit', () => {
    expect(ids({ ...ready(), credit: '', byline: ['Asha Rao'] })).toEqual([])
    expect(ids({ ...ready(), credit: '' })).toEqual(['byline-or-credit'])
  })

  // Regression: a link that is not http(s) was dropped from the save without a word, so the story
  // went to the desk with a source missing its link.
  it('flags a refused source link as an error that blocks submission', () => {
    const one = {
      ...ready(),
      sources: [
        { name: 'Ministry release', url: 'https://mea.gov.in/release' },
        { name: 'Wire', invalidUrl: 'javascript:alert(1)' },
      ],
    }
    const checks = checkArticle(one, DEFAULT_DESK_SETTINGS)
    expect(checks).toEqual([
      {
        id: 'source-link-invalid',
        field: 'sources',
        severity: 'error',
        message: 'Source 2’s link is not an http(s) address: fix it or clear it.',
      },
    ])
    expect(passesChecks(checks)).toBe(false)
    const two = {
      ...ready(),
      sources: [
        { name: 'A', invalidUrl: 'ftp://x' },
        { name: 'B', invalidUrl: 'mea.gov.in' },
      ],
    }
    expect(checkArticle(two, DEFAULT_DESK_SETTINGS).map((c) => c.message)).toEqual([
      'The links of sources 1 and 2 are not http(s) addresses: fix or clear them.',
    ])
  })

  // Regression (H1): a source with a link and no name was never flagged; the save dropped it
  // without a word and Submit was enabled after a reload.
  it('flags a source with a link but no name as an error that blocks submission', () => {
    const article = {
      ...ready(),
      sources: [
        { name: 'MEA', url: 'https://mea.gov.in/' },
        { name: '', url: 'https://nameless.example/' },
        { name: '  ', invalidUrl: 'javascript:alert(1)' },
      ],
    }
    const checks = checkArticle(article, DEFAULT_DESK_SETTINGS)
    expect(checks.map((c) => [c.id, c.severity, c.message])).toEqual([
      ['source-name-missing', 'error', 'Sources 2 and 3 have a link but no name: add the names.'],
      [
        'source-link-invalid',
        'error',
        'Source 3’s link is not an http(s) address: fix it or clear it.',
      ],
    ])
    expect(passesChecks(checks)).toBe(false)
  })

  it('names a link over the length limit in plain words, and ignores an empty row', () => {
    const article = {
      ...ready(),
      sources: [{ name: '' }, { name: 'Long', invalidUrl: `ftp://${'x'.repeat(2000)}` }],
    }
    expect(checkArticle(article, DEFAULT_DESK_SETTINGS).map((c) => c.message)).toEqual([
      'Source 2’s link is over 2,000 characters: shorten it.',
    ])
  })

  // Red team L7: links into a private network were accepted and exported.
  it('flags links a reader could not follow, which block submission', () => {
    const linked = (...hrefs: string[]) => ({
      ...ready(),
      body: {
        type: 'doc' as const,
        content: hrefs.map((href) => ({
          type: 'paragraph',
          content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }],
        })),
      },
    })
    const checks = checkArticle(
      linked('http://localhost:8080/admin', 'http://10.0.0.5/', 'https://www.reuters.com/'),
      DEFAULT_DESK_SETTINGS,
    )
    expect(checks).toEqual([
      {
        id: 'body-link-local',
        field: 'body',
        severity: 'error',
        message:
          'The body has 2 links into a private network, which readers cannot open: http://localhost:8080/admin, http://10.0.0.5/. Link to a public address.',
      },
    ])
    expect(passesChecks(checks)).toBe(false)
    expect(ids(linked('/news/older'))).toEqual(['body-link-invalid'])
    expect(ids(linked('https://www.reuters.com/', 'mailto:desk@example.org'))).toEqual([])
  })
})

describe('checkArticle: what decides whether the story may go at all (findings 16, 17)', () => {
  const now = new Date('2026-03-09T09:00:00Z')
  it('an unacknowledged agency kill is an error; once a desk chief acknowledged it, a warning', () => {
    const reason = 'KILL: The story headlined "Ferry" is withdrawn.'
    const killed = { ...ready(), agencyKill: { at: now.toISOString(), reason, acknowledged: null } }
    expect(checkArticle(killed, DEFAULT_DESK_SETTINGS, now)[0]).toMatchObject({
      id: 'agency-kill',
      severity: 'error',
      message: expect.stringMatching(
        /^The agency withdrew this story: do not publish\. A desk chief/,
      ),
    })
    const seen = {
      ...killed,
      agencyKill: { ...killed.agencyKill, acknowledged: { by: 'Vikram', at: now.toISOString() } },
    }
    expect(checkArticle(seen, DEFAULT_DESK_SETTINGS, now)).toEqual([
      expect.objectContaining({ id: 'agency-kill', severity: 'warning' }),
    ])
  })
  it('an embargo is a warning (it holds publication, not the desk) until its time has passed', () => {
    const embargoed = { ...ready(), embargoedUntil: '2026-03-09T10:00:00.000Z' }
    const settings = { ...DEFAULT_DESK_SETTINGS, timeZone: 'Asia/Kolkata' }
    const checks = checkArticle(embargoed, settings, now)
    expect(checks).toEqual([
      expect.objectContaining({
        id: 'embargo',
        severity: 'warning',
        message:
          'Embargoed until 9 Mar 2026, 15:30 GMT+5:30: it can be submitted and approved, but not exported as final copy or pushed before then.',
      }),
    ])
    expect(passesChecks(checks)).toBe(true)
    expect(checkArticle(embargoed, settings, new Date('2026-03-09T10:00:00Z'))).toEqual([])
  })
})
