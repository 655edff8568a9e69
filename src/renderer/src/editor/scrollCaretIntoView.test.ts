import { describe, expect, it } from 'vitest'
import { CARET_MARGIN, scrollDistance } from './scrollCaretIntoView'

const view = { top: 100, bottom: 700 }

describe('scrollDistance', () => {
  it('leaves a caret that is in view, margin included, where it is', () => {
    expect(scrollDistance({ top: 400, bottom: 420 }, view)).toBe(0)
    expect(scrollDistance({ top: 100 + CARET_MARGIN, bottom: 700 - CARET_MARGIN }, view)).toBe(0)
  })

  it('scrolls down just far enough to show a caret below the view, with the margin', () => {
    expect(scrollDistance({ top: 690, bottom: 710 }, view)).toBe(710 - 700 + CARET_MARGIN)
    expect(scrollDistance({ top: 2000, bottom: 2030 }, view)).toBe(2030 - 700 + CARET_MARGIN)
  })

  it('scrolls up to show a caret above the view, with the margin', () => {
    expect(scrollDistance({ top: 90, bottom: 110 }, view)).toBe(90 - 100 - CARET_MARGIN)
    expect(scrollDistance({ top: -500, bottom: -480 }, view)).toBe(-500 - 100 - CARET_MARGIN)
  })

  it('brings the top of a selected node taller than the view into view', () => {
    expect(scrollDistance({ top: 650, bottom: 1650 }, view)).toBe(650 - 100 - CARET_MARGIN)
  })

  it('shrinks the margin in a short view so the caret cannot be pushed out of it', () => {
    const short = { top: 0, bottom: 40 }
    expect(scrollDistance({ top: 45, bottom: 60 }, short)).toBe(60 - 40 + 10)
    expect(scrollDistance({ top: 15, bottom: 25 }, short)).toBe(0)
  })
})
