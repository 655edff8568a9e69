import { randomUUID } from 'node:crypto'
import { beforeAll, expect, it } from 'vitest'
import { eachDeskEngine, type DeskDatabase } from '../../../tests/support/eachDeskEngine'
import { draftStory, edited, movableClock, signedIn } from '../../../tests/support/storyDesk'
import { GetStoriesInput } from '../../shared/desk/calls/deskStoryCalls'
import type { Principal } from '../Principal'
import { StoryService } from './StoryService'

/**
 * Issue 15: a workstation's first sync asked for each story on its own, and the device's request
 * allowance (20 a second) made a 10,000-story desk take over eight minutes to download.
 */
eachDeskEngine('Stories: many at once', (open) => {
  let desk: DeskDatabase
  let stories: StoryService
  let asha: Principal
  const clock = movableClock('2026-12-01T14:00:00.000Z')

  beforeAll(async () => {
    desk = await open()
    stories = new StoryService(desk.db, clock)
    asha = await signedIn(desk.db, 'Asha Rao', 'writer')
  })

  it('answers the stories asked for, as getStory would, in the order asked, and names the missing', async () => {
    const first = await stories.saveStory(asha, { document: draftStory() })
    const second = await stories.saveStory(asha, { document: draftStory() })
    const changed = await stories.saveStory(asha, {
      document: edited(second.document, 'A second take'),
      baseRevision: second.revision,
    })
    const gone = randomUUID()
    const answer = await stories.getStories(asha, [changed.document.id, gone, first.document.id])
    expect(answer.missing).toEqual([gone])
    expect(answer.stories).toEqual([
      await stories.getStory(asha, changed.document.id),
      await stories.getStory(asha, first.document.id),
    ])
    expect(answer.stories[0]?.revision).toBe(2)
  })

  it('takes at most a page of the first sync in one request', () => {
    const ids = (n: number) => Array.from({ length: n }, () => randomUUID())
    expect(GetStoriesInput.safeParse({ ids: ids(100) }).success).toBe(true)
    expect(GetStoriesInput.safeParse({ ids: ids(101) }).success).toBe(false)
    expect(GetStoriesInput.safeParse({ ids: [] }).success).toBe(false)
  })
})
