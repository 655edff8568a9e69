import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHungDesk, type HungDesk } from '../../../tests/support/hungDesk'
import { draftStory } from '../../../tests/support/storyDesk'
import { startSyncDesk, type DeskAccount, type SyncDesk } from '../../../tests/support/syncDesk'
import { openSyncWorkstation, until } from '../../../tests/support/syncWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import { createDeskClient } from '../../shared/desk/createDeskClient'

const LONG = 60_000
const SAVE = 'POST /v1/stories/save'

describe('the sync engine and a desk that takes requests and never answers (PGlite)', () => {
  let desk: SyncDesk
  let hung: HungDesk
  let writer: DeskAccount

  beforeAll(async () => {
    desk = await startSyncDesk()
    writer = await desk.signIn('writer', 'Asha Writer')
    hung = await startHungDesk(desk.url)
  }, 120_000)
  afterAll(async () => {
    await hung?.close()
    await desk?.close()
  })

  it(
    'bug: a save pushed to a stalled desk held the push loop for good; now it is offline, tries again under the same id, and the desk stores it once',
    async () => {
      const dir = await tempDir('copydesk-sync-hung-')
      hung.mode = 'silent'
      const client = createDeskClient({
        baseUrl: hung.url,
        fetch,
        token: () => writer.token,
        timeouts: { callMs: 200, slowCallMs: 200, streamSilenceMs: 200 },
      })
      const ws = await openSyncWorkstation(dir.path, client)
      try {
        const story = await ws.repository.create(draftStory({ headline: 'Harbour strike' }))
        ws.engine.start()
        await until(() => hung.received.filter((line) => line === SAVE).length >= 2)
        expect(ws.engine.status()).toMatchObject({ connection: 'offline', pending: 1 })
        expect(ws.engine.status().reason).toMatch(
          new RegExp(`^The desk at ${hung.url} did not answer \\w+ within 0\\.2 s\\.$`),
        )

        // The desk takes the save and its answer is lost on the way back, again and again.
        hung.mode = 'swallow'
        const swallowedFrom = hung.received.length
        await until(
          () => hung.received.slice(swallowedFrom).filter((line) => line === SAVE).length >= 2,
        )
        await until(async () => (await writer.client.getStory({ id: story.id })).revision === 1)
        expect(ws.engine.status()).toMatchObject({ connection: 'offline', pending: 1 })

        hung.mode = 'forward'
        await until(() => ws.queue.length === 0 && ws.engine.status().connection === 'online')
        const onDesk = await writer.client.getStory({ id: story.id })
        expect(onDesk.revision).toBe(1)
        expect(onDesk.document.headline).toBe('Harbour strike')
        const { changes } = await writer.client.listChanges({ since: 0 })
        expect(
          changes.filter((c) => c.articleId === story.id && c.kind === 'story_saved'),
        ).toHaveLength(1)
        expect(ws.queue.track(story.id)?.serverRevision).toBe(1)
        expect(ws.conflicts).toEqual([])
      } finally {
        await ws.close()
        await dir.cleanup()
      }
    },
    LONG,
  )
})
