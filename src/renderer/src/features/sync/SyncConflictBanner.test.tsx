import { act } from 'react'
import { describe, expect, it } from 'vitest'
import type { EditableFields } from '../../../../shared/domain/Article'
import { newArticle } from '../../../../shared/domain/newArticle'
import type { SyncConflictNotice } from '../../../../shared/domain/SyncSnapshot'
import { formatTime } from '../../formatTime'
import { SyncConflictBanner } from './SyncConflictBanner'
import { reactRootPerTest } from '../../../../../tests/support/reactRootPerTest'

const dom = reactRootPerTest()
const savedAt = '2026-12-01T14:07:00.000Z'

const fields = (headline: string): EditableFields =>
  newArticle({
    id: '6f1c2f7e-54a4-4b8e-9a3e-0d3f4f1f2a11',
    author: 'Asha Rao',
    now: savedAt,
    fields: { headline },
  })

const notice: SyncConflictNotice = {
  storyId: '6f1c2f7e-54a4-4b8e-9a3e-0d3f4f1f2a11',
  headline: 'Council approves the budget',
  copySeq: 7,
  reason: 'stale',
  theirs: { revision: 12, savedBy: 'Ben Chief', savedAt },
  message: 'Ben Chief saved this story on the desk while you were editing it offline.',
  at: savedAt,
}

const named = (name: string) =>
  [...dom.container.querySelectorAll('button')].find((b) => b.textContent === name)

describe('the sync conflict banner', () => {
  it('says what happened, whose text the desk has and since when, and where mine is kept', async () => {
    await act(async () =>
      dom.root.render(
        <SyncConflictBanner
          notice={notice}
          loadTexts={() =>
            Promise.resolve({
              theirs: fields('Council approves budget'),
              mine: fields('Council passes the budget'),
            })
          }
          onResolve={() => Promise.resolve()}
        />,
      ),
    )
    const banner = dom.container.querySelector('[role="alert"][aria-label="Sync conflict"]')
    expect(banner?.textContent).toContain(notice.message)
    expect(banner?.textContent).toContain(
      `The desk has the text Ben Chief saved at ${formatTime(savedAt)} (desk revision 12). Your text is kept as version 7 in History.`,
    )
    expect([...(banner?.querySelectorAll('button') ?? [])].map((b) => b.textContent)).toEqual([
      'Compare',
      'Keep mine',
      'Take theirs',
    ])
  })

  it('compares the desk’s text with the kept one', async () => {
    await act(async () =>
      dom.root.render(
        <SyncConflictBanner
          notice={notice}
          loadTexts={() =>
            Promise.resolve({
              theirs: fields('Council approves budget'),
              mine: fields('Council passes the budget'),
            })
          }
          onResolve={() => Promise.resolve()}
        />,
      ),
    )
    await act(async () => named('Compare')?.click())
    const dialog = dom.container.querySelector('dialog')
    expect(dialog?.querySelector('h2')?.textContent).toBe('Compare with the desk’s text')
    expect(dialog?.querySelector('del')?.textContent ?? dialog?.textContent).toContain('approves')
    expect(dialog?.textContent).toContain('passes')
  })

  it('says why a choice did not go through, and offers it again', async () => {
    await act(async () =>
      dom.root.render(
        <SyncConflictBanner
          notice={notice}
          loadTexts={() => Promise.resolve({ theirs: fields('y'), mine: fields('x') })}
          onResolve={() =>
            Promise.reject(new Error('Save your changes first: the last save did not go through.'))
          }
        />,
      ),
    )
    await act(async () => named('Keep mine')?.click())
    expect(dom.container.textContent).toContain('Save your changes first')
    expect(named('Keep mine')?.disabled).toBe(false)
  })
})
