import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { formatDateline, parseDatelineDate } from '../domain/formatDateline'
import { readingMinutes, readingTimeLabel } from '../domain/readingTime'
import { parseWireText } from '../import/parseWireText'
import { toPublication } from './toPublication'

const fixture = readFileSync(
  fileURLToPath(new URL('../../../tests/fixtures/wire-india-japan-ties.txt', import.meta.url)),
  'utf8',
)

describe('toPublication on the fixture', () => {
  const publication = toPublication(parseWireText(fixture, new Date('2026-11-26')).fields)

  // A CMS push is keyed on this layout: pictures must not change the key of a story without any.
  it('a story without pictures has no body-with-figures nor lead picture in its layout', () => {
    expect(Object.keys(publication)).not.toContain('body')
    expect(Object.keys(publication)).not.toContain('leadPicture')
  })

  it('reads "2 min read" and leads the first paragraph with the dateline', () => {
    expect(publication.readingTime).toEqual({ minutes: 2, label: '2 min read' })
    expect(publication.blocks[0]).toMatchObject({
      type: 'paragraph',
      dateline: 'New Delhi, Jan 23',
    })
    expect(publication.blocks.filter((b) => 'dateline' in b && b.dateline)).toHaveLength(1)
  })

  it('carries the pull quote with its attribution and the credit', () => {
    expect(publication.blocks.find((b) => b.type === 'pullQuote')).toMatchObject({
      attribution: 'India Narrative',
    })
    expect(publication.credit).toBe('IANS')
    expect(publication.keyPoints.items).toHaveLength(5)
  })
})

describe('toPublication on sources', () => {
  // Regression (H1): a source may now be stored with a link and no name; no export may carry it.
  it('leaves out a nameless source and every refused link', () => {
    const fields = parseWireText(fixture, new Date('2026-11-26')).fields
    const publication = toPublication({
      ...fields,
      sources: [
        { name: ' MEA ', url: 'https://mea.gov.in/' },
        { name: '', url: 'https://nameless.example/' },
        { name: 'Wire', invalidUrl: 'javascript:alert(1)' },
      ],
    })
    expect(publication.sources).toEqual([
      { name: 'MEA', url: 'https://mea.gov.in/' },
      { name: 'Wire' },
    ])
  })
})

describe('reading time', () => {
  it.each([
    [0, 0],
    [1, 1],
    [230, 1],
    [231, 2],
    [385, 2],
    [460, 2],
    [461, 3],
  ])('%i words -> %i min', (words, minutes) => expect(readingMinutes(words)).toBe(minutes))
  it('labels like the fixture', () => expect(readingTimeLabel(385)).toBe('2 min read'))
})

describe('datelines', () => {
  it('prints the desk style', () => {
    expect(formatDateline({ place: 'New Delhi', date: '2026-01-23' })).toBe('New Delhi, Jan 23')
    expect(formatDateline({ place: 'Tokyo', date: null })).toBe('Tokyo')
    expect(formatDateline({ place: ' ', date: '2026-01-23' })).toBe('')
  })
  it('reads wire dates without a year as the latest such date', () => {
    const now = new Date('2026-11-26T00:00:00Z')
    expect(parseDatelineDate('Jan 23', now)).toBe('2026-01-23')
    expect(parseDatelineDate('Dec 20', now)).toBe('2026-12-20')
    expect(parseDatelineDate('Dec 30', now)).toBe('2025-12-30')
    expect(parseDatelineDate('Jan 23', new Date('2026-01-02T00:00:00Z'))).toBe('2026-01-23')
    expect(parseDatelineDate('Mar 3', new Date('2026-01-02T00:00:00Z'))).toBe('2025-03-03')
    expect(parseDatelineDate('23 January 2025', now)).toBe('2025-01-23')
    expect(parseDatelineDate('Feb 30', now)).toBeNull()
    expect(parseDatelineDate('Someday', now)).toBeNull()
  })
  it('bug (finding 11): "Jan 1" in a story of Dec 31 was dated a year back', () => {
    expect(parseDatelineDate('Jan 1', new Date('2025-12-31T22:00:00Z'))).toBe('2026-01-01')
    expect(parseDatelineDate('Dec 31', new Date('2026-01-01T02:00:00Z'))).toBe('2025-12-31')
  })
  it('bug (finding 11): Russian and Hindi month names were not read though TASS and IANS use them', () => {
    const now = new Date('2026-03-05T00:00:00Z')
    expect(parseDatelineDate('23 января', now)).toBe('2026-01-23')
    expect(parseDatelineDate('1 мая', now)).toBe('2025-05-01')
    expect(parseDatelineDate('23 जनवरी', now)).toBe('2026-01-23')
    expect(parseDatelineDate('5 मार्च', now)).toBe('2026-03-05')
    expect(parseDatelineDate('23 يناير', now)).toBe('2026-01-23')
  })
})
