import { afterAll, beforeAll, expect, it } from 'vitest'
import { draftStory } from '../../../tests/support/storyDesk'
import { startSyncDesk, type DeskAccount, type SyncDesk } from '../../../tests/support/syncDesk'
import { until } from '../../../tests/support/syncWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import type { StoryView } from '../../shared/desk/calls/deskStoryCalls'
import { systemClock } from '../../shared/domain/Clock'
import { HistoryRepository } from '../store/HistoryRepository'
import { LowdbArticleRepository } from '../store/LowdbArticleRepository'
import { openSync } from './openSync'

let desk: SyncDesk
let writer: DeskAccount
let chief: DeskAccount
beforeAll(async () => {
  desk = await startSyncDesk()
  writer = await desk.signIn('writer', 'Asha Writer')
  chief = await desk.signIn('desk-chief', 'Ben Chief')
}, 120_000)
afterAll(() => desk?.close())

it('bug (found pushing through the desk): a desk chief approving the moment a submission shows up was refused as stale, because the window heard of the story before the sync recorded the desk revision it stands on', async () => {
  const folder = await tempDir('copydesk-approve-after-apply-')
  const local = await LowdbArticleRepository.open(folder.path, { purpose: 'test' })
  const approvals: Promise<unknown>[] = []
  const sync = await openSync({
    dataDir: folder.path,
    client: chief.client,
    local,
    history: new HistoryRepository(folder.path, local.quarantine),
    quarantine: local.quarantine,
    clock: systemClock,
    who: 'Ben Chief',
    retry: { firstMs: 20, maxMs: 200 },
    // The window reloads the story when told, and the chief clicks Approve at once.
    onApplied: (_before, view: StoryView) => {
      if (view.status === 'submitted')
        approvals.push(sync.engine.transition(view.document.id, 'approve').catch((e: unknown) => e))
    },
  })
  try {
    sync.engine.start()
    await until(() => sync.engine.status().connection === 'online')
    const story = draftStory()
    const first = await writer.client.saveStory({
      document: story,
      baseRevision: null,
      saveId: crypto.randomUUID(),
    })
    await until(() => sync.queue.track(story.id)?.serverRevision === first.revision)
    // The writer's last words and the submission reach the chief's workstation together.
    const following = sync.engine.stop()
    const second = await writer.client.saveStory({
      document: { ...story, headline: 'Second take' },
      baseRevision: first.revision,
      saveId: crypto.randomUUID(),
    })
    await writer.client.transition({
      id: story.id,
      action: 'submit',
      revision: second.revision,
      note: '',
      transitionId: crypto.randomUUID(),
    })
    await following
    sync.engine.start()
    await until(() => approvals.length > 0)
    expect(await approvals[0]).toMatchObject({ queued: false, story: { status: 'approved' } })
    expect((await chief.client.getStory({ id: story.id })).status).toBe('approved')
  } finally {
    await sync.engine.stop()
    await sync.queue.close()
    await local.close()
    await folder.cleanup()
  }
}, 60_000)
