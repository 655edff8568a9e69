import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { draftStory, edited } from '../../../tests/support/storyDesk'
import { startSyncDesk, type DeskAccount, type SyncDesk } from '../../../tests/support/syncDesk'
import { openSyncWorkstation, until } from '../../../tests/support/syncWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import { createDeskClient } from '../../shared/desk/createDeskClient'
import type { Article } from '../../shared/domain/Article'

const LONG = 60_000

function textIn(article: Article): string {
  const text = article.body.content?.[0]?.content?.[0]
  return text && 'text' in text && typeof text.text === 'string' ? text.text : ''
}

describe('the local copy catches up with the desk after changes it could not take at once (PGlite)', () => {
  let desk: SyncDesk
  let writer: DeskAccount
  let chief: DeskAccount

  beforeAll(async () => {
    desk = await startSyncDesk()
    writer = await desk.signIn('writer', 'Asha Writer')
    chief = await desk.signIn('desk-chief', 'Ben Chief')
  }, 120_000)
  afterAll(async () => {
    await desk?.close()
  })

  it(
    'bug (found by the sync crash loop): changes requested while the writer’s note waited in the queue never reached the local copy, which stayed "submitted" once the note was sent',
    async () => {
      const dir = await tempDir('copydesk-sync-behind-')
      let holdNotesUntilSeq = 0
      let ws: Awaited<ReturnType<typeof openSyncWorkstation>> | null = null
      // The note reaches the desk only after the workstation has read the feed past the chief's
      // request: the order in which a slow note and a quick desk chief meet.
      const held: typeof fetch = async (input, init) => {
        if (String(input).includes('/v1/stories/notes/add'))
          await until(() => (ws?.cursor.seq ?? 0) >= holdNotesUntilSeq)
        return fetch(input, init)
      }
      const client = createDeskClient({ baseUrl: desk.url, fetch: held, token: () => writer.token })
      ws = await openSyncWorkstation(dir.path, client)
      try {
        const story = await ws.repository.create(draftStory({ headline: 'Bridge vote' }))
        await ws.engine.transition(story.id, 'submit')
        ws.engine.start()
        await until(async () => (await ws.local.get(story.id)).status === 'submitted')
        await ws.engine.stop()

        await ws.engine.addNote(story.id, 'Photos to follow', 'Asha Writer')
        const onDesk = await chief.client.getStory({ id: story.id })
        await chief.client.transition({
          id: story.id,
          action: 'request_changes',
          revision: onDesk.revision,
          note: 'Cut the second paragraph',
        })
        const { last } = await chief.client.listChanges({ since: 0 })
        holdNotesUntilSeq = last
        ws.engine.start()
        await until(() => ws.queue.length === 0 && ws.cursor.seq >= last)
        const notes = await chief.client.listNotes({ id: story.id })
        expect(notes.notes.map((note) => note.body)).toContain('Photos to follow')
        // Before the fix the local copy stayed "submitted" for good: this wait ran into the timeout.
        // The story is written first, then the queue file says it has caught up.
        await until(
          async () =>
            (await ws.local.get(story.id)).status === 'changes_requested' &&
            ws.queue.track(story.id)?.behind === undefined,
        )
        expect((await ws.local.get(story.id)).statusNote).toMatchObject({
          by: 'Ben Chief',
          text: 'Cut the second paragraph',
        })
      } finally {
        await ws.close()
        await dir.cleanup()
      }
    },
    LONG,
  )

  it(
    'bug (found by the sync crash loop): a save the queue took but the local store never wrote (killed between the two) reached the desk, and the local copy kept the older text for good',
    async () => {
      const dir = await tempDir('copydesk-sync-torn-')
      let ws = await openSyncWorkstation(dir.path, writer.client)
      try {
        const story = await ws.repository.create(draftStory({ headline: 'Ferry strike' }))
        ws.engine.start()
        await until(() => ws.queue.length === 0 && ws.queue.track(story.id)?.serverRevision === 1)
        await ws.engine.stop()
        // What a kill between the two writes of a save leaves: the queue has revision 2, the store not.
        const typed = edited(await ws.local.get(story.id), 'Typed just before the kill.')
        await ws.queue.enqueueSave({ ...typed, revision: 2 }, 2)
        expect((await ws.local.get(story.id)).revision).toBe(1)
        await ws.close()

        ws = await openSyncWorkstation(dir.path, writer.client)
        ws.engine.start()
        await until(async () => (await writer.client.getStory({ id: story.id })).revision === 2)
        await until(() => ws.queue.length === 0)
        // Before the fix the local copy stayed at revision 1 for good: this wait ran into the timeout.
        await until(
          async () => textIn(await ws.local.get(story.id)) === 'Typed just before the kill.',
        )
        const desk = await writer.client.getStory({ id: story.id })
        expect(textIn(desk.document)).toBe('Typed just before the kill.')
        expect(ws.queue.track(story.id)).toMatchObject({ serverRevision: 2 })
      } finally {
        await ws.close()
        await dir.cleanup()
      }
    },
    LONG,
  )
})
