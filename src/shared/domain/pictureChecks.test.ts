import { describe, expect, it } from 'vitest'
import { checkArticle, passesChecks } from './checkArticle'
import { DEFAULT_DESK_SETTINGS } from './DeskSettings'
import type { DocNode } from './DocNode'
import type { LeadPicture } from './LeadPicture'
import { blankFields } from './newArticle'

const MEDIA = `${'cd'.repeat(32)}.jpg`
const para = (text: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const figure = (altText: string, credit: string): DocNode => ({
  type: 'figure',
  attrs: { mediaId: MEDIA, caption: 'A caption', credit, creator: '', copyright: '', altText },
})
const lead = (words: Partial<LeadPicture> = {}): LeadPicture => ({
  mediaId: MEDIA,
  caption: 'Firefighters in Pune',
  credit: 'PTI',
  creator: '',
  copyright: '',
  altText: 'Firefighters spray water at a warehouse',
  ...words,
})
const story = (body: DocNode[], leadPicture: LeadPicture | null = null) => ({
  ...blankFields(),
  headline: 'Warehouse fire',
  keyPoints: { title: 'Key Points', items: ['a', 'b', 'c'] },
  dateline: { place: 'Pune', date: '2026-12-01' },
  credit: 'PTI',
  body: { type: 'doc' as const, content: [para('Body text.'), ...body] },
  leadPicture,
})

describe('picture checks', () => {
  it('passes pictures with alt text and a credit', () => {
    expect(
      checkArticle(story([figure('A dam at dawn', 'Reuters')], lead()), DEFAULT_DESK_SETTINGS),
    ).toEqual([])
  })

  it('blocks a lead picture without alt text or credit, saying so', () => {
    const checks = checkArticle(
      story([], lead({ altText: ' ', credit: '' })),
      DEFAULT_DESK_SETTINGS,
    )
    expect(checks).toEqual([
      {
        id: 'lead-picture-alt',
        field: 'leadPicture',
        severity: 'error',
        message: 'The lead picture has no alt text.',
      },
      {
        id: 'lead-picture-credit',
        field: 'leadPicture',
        severity: 'error',
        message: 'The lead picture has no credit.',
      },
    ])
    expect(passesChecks(checks)).toBe(false)
  })

  it('names which body picture lacks what, counting in reading order (nested ones too)', () => {
    const quoted: DocNode = { type: 'blockquote', content: [figure('', '')] }
    const checks = checkArticle(
      story([figure('Fine', 'AP'), quoted, figure('Fine', '')]),
      DEFAULT_DESK_SETTINGS,
    )
    expect(checks.map((c) => [c.id, c.message])).toEqual([
      ['figure-2-alt', 'Picture 2 in the body has no alt text.'],
      ['figure-2-credit', 'Picture 2 in the body has no credit.'],
      ['figure-3-credit', 'Picture 3 in the body has no credit.'],
    ])
  })

  it('warns when the lead picture is narrower than the desk minimum (a setting), when its width is known', () => {
    const narrow = { ...story([], lead()), leadPictureWidth: 800 }
    expect(checkArticle(narrow, DEFAULT_DESK_SETTINGS)).toEqual([
      {
        id: 'lead-picture-width',
        field: 'leadPicture',
        severity: 'warning',
        message:
          'The lead picture is 800 px wide; the desk wants at least 1,200 px (Desk settings).',
      },
    ])
    expect(checkArticle(narrow, { ...DEFAULT_DESK_SETTINGS, pictureMinLeadWidth: 640 })).toEqual([])
    expect(checkArticle({ ...narrow, leadPictureWidth: null }, DEFAULT_DESK_SETTINGS)).toEqual([])
  })
})
