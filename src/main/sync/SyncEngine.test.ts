import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { draftStory, edited } from '../../../tests/support/storyDesk'
import { startSyncDesk, type DeskAccount, type SyncDesk } from '../../../tests/support/syncDesk'
import {
  openSyncWorkstation,
  until,
  type SyncWorkstation,
} from '../../../tests/support/syncWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import { createDeskClient } from '../../shared/desk/createDeskClient'
import type { Article } from '../../shared/domain/Article'
import type { DocNode } from '../../shared/domain/DocNode'

const LONG = 60_000

function textOf(article: Article): string {
  const walk = (node: DocNode): string =>
    'text' in node && typeof node.text === 'string'
      ? node.text
      : (node.content ?? []).map(walk).join('')
  return walk(article.body)
}

describe('the sync engine against a real desk server (PGlite)', () => {
  let desk: SyncDesk
  let writer: DeskAccount
  let chief: DeskAccount
  const opened: SyncWorkstation[] = []
  const folders: (() => Promise<void>)[] = []

  beforeAll(async () => {
    desk = await startSyncDesk()
    writer = await desk.signIn('writer', 'Asha Writer')
    chief = await desk.signIn('desk-chief', 'Ben Chief')
  }, 120_000)
  afterEach(async () => {
    await desk.restart()
    for (const ws of opened.splice(0)) await ws.close()
  })
  afterAll(async () => {
    for (const cleanup of folders) await cleanup()
    await desk?.close()
  })

  async function folder(): Promise<string> {
    const dir = await tempDir('copydesk-sync-ws-')
    folders.push(dir.cleanup)
    return dir.path
  }
  async function workstation(
    dir: string,
    account: DeskAccount,
    options: Parameters<typeof openSyncWorkstation>[2] = {},
  ): Promise<SyncWorkstation> {
    const ws = await openSyncWorkstation(dir, account.client, options)
    opened.push(ws)
    return ws
  }
  async function closed(ws: SyncWorkstation): Promise<void> {
    opened.splice(opened.indexOf(ws), 1)
    await ws.close()
  }
  /** Asks the desk itself, slowly enough to stay under its rate limit; a refusal counts as "not yet". */
  async function untilOnDesk(done: () => Promise<boolean>): Promise<void> {
    while (!(await done().catch(() => false)))
      await new Promise((resolve) => setTimeout(resolve, 100))
  }
  async function drained(ws: SyncWorkstation): Promise<void> {
    await until(() => ws.queue.length === 0)
  }
  async function save(ws: SyncWorkstation, id: string, text: string): Promise<Article> {
    const current = await ws.repository.get(id)
    return ws.repository.update(id, current.revision, (article) => ({
      ...edited(article, text),
      revision: article.revision + 1,
    }))
  }

  it(
    'first sync: downloads the desk in pages with progress, and a restart continues where it stopped',
    async () => {
      for (let n = 0; n < 5; n += 1) await chief.client.saveStory({ document: draftStory() })
      let total = 0
      for (let after: string | null | undefined; after !== null;) {
        const page = await chief.client.listStories({ after: after ?? undefined, limit: 500 })
        total += page.stories.length
        after = page.next
      }
      const dir = await folder()
      const first = await workstation(dir, writer, {
        pageSize: 2,
        onStatus: (status) => {
          if (status.firstSync.done === 3) void first.engine.stop()
        },
      })
      first.engine.start()
      await until(() => first.statuses.some((status) => status.firstSync.done === 3))
      await first.engine.stop()
      expect(first.cursor.firstSync).toMatchObject({ done: 2, finished: false })
      // n of m from the first story on.
      expect(first.statuses.find((status) => status.firstSync.done === 1)?.firstSync).toEqual({
        done: 1,
        total,
        finished: false,
      })
      expect((await first.local.list()).length).toBeGreaterThanOrEqual(2)
      await closed(first)

      const requests: string[] = []
      const logged: typeof fetch = (input, init) => {
        requests.push(String(input))
        return fetch(input, init)
      }
      const again = await workstation(
        dir,
        { ...writer, client: clientWith(writer, logged) },
        { pageSize: 2 },
      )
      again.engine.start()
      await until(() => again.engine.status().firstSync.finished)
      const progress = again.statuses.map((status) => status.firstSync.done).filter((d) => d > 0)
      // It starts from the 2 stories of the page it had applied, never from 1.
      expect(progress[0]).toBe(2)
      expect(progress.at(-1)).toBe(total)
      expect(progress).not.toContain(1)
      expect(again.statuses.find((s) => s.firstSync.done > 2)?.firstSync.total).toBe(total)
      expect(again.engine.status().firstSync).toEqual({ done: total, total, finished: true })
      expect((await again.local.list()).length).toBe(total)
      const lists = requests.filter((url) => url.includes('/v1/stories?'))
      expect(lists[0]).toContain('after=')
    },
    LONG,
  )

  function clientWith(account: DeskAccount, fetcher: typeof fetch) {
    return createDeskClient({ baseUrl: desk.url, fetch: fetcher, token: () => account.token })
  }

  it(
    'pushes the queue in order: saves, a note and a submission made offline reach the desk as they were made (B’s second save coalesced into its first)',
    async () => {
      const ws = await workstation(await folder(), writer)
      const a = await ws.repository.create(draftStory({ headline: 'Story A' }))
      const b = await ws.repository.create(draftStory({ headline: 'Story B' }))
      await ws.engine.addNote(a.id, 'Photos to follow', 'Asha Writer')
      expect(await ws.engine.transition(a.id, 'submit')).toEqual({ queued: true })
      await save(ws, b.id, 'B, second take.')
      const { last } = await writer.client.listChanges({ since: 0 })
      ws.engine.start()
      await drained(ws)
      const { changes } = await writer.client.listChanges({ since: last })
      const ours = changes
        .filter((change) => change.articleId === a.id || change.articleId === b.id)
        .map((change) => `${change.kind} ${change.articleId === a.id ? 'A' : 'B'}`)
      expect(ours).toEqual([
        'story_saved A',
        'story_saved B',
        'note_added A',
        'story_transitioned A',
      ])
      expect((await writer.client.getStory({ id: a.id })).status).toBe('submitted')
      expect(textOf((await writer.client.getStory({ id: b.id })).document)).toBe('B, second take.')
      await until(async () => (await ws.local.get(a.id)).status === 'submitted')
    },
    LONG,
  )

  it(
    'a save whose answer was lost, then the workstation died: the next run replays it once (its saveId), with no conflict and no second revision',
    async () => {
      let loseSave = false
      let died: Promise<void> | null = null
      const lossy: typeof fetch = async (input, init) => {
        const response = await fetch(input, init)
        if (!loseSave || !String(input).includes('/v1/stories/save')) return response
        loseSave = false
        await response.text()
        // The process dies as the answer is lost: the entry is never marked done.
        died = first.engine.stop()
        throw new TypeError('fetch failed', { cause: new Error('socket hang up') })
      }
      const dir = await folder()
      const first = await workstation(dir, { ...writer, client: clientWith(writer, lossy) })
      const story = await first.repository.create(draftStory())
      first.engine.start()
      await drained(first)
      loseSave = true
      await save(first, story.id, 'Second take, answer lost.')
      await until(() => died !== null)
      await died
      // The desk committed it; the workstation never heard. Its editor wrote on before it died.
      expect((await writer.client.getStory({ id: story.id })).revision).toBe(2)
      await save(first, story.id, 'Third take, after the lost answer.')
      expect(first.queue.entries.map((entry) => entry.sent !== null)).toEqual([true, false])
      await closed(first)

      const again = await workstation(dir, writer)
      again.engine.start()
      await drained(again)
      const view = await writer.client.getStory({ id: story.id })
      expect(view.revision).toBe(3)
      expect(textOf(view.document)).toBe('Third take, after the lost answer.')
      const { entries } = await writer.client.getAudit({ id: story.id })
      expect(entries.filter((entry) => entry.action === 'story_saved')).toHaveLength(2)
      expect(again.conflicts).toEqual([])
      const history = await again.history.read(story.id)
      expect(history.revisions.filter((r) => r.reason === 'conflict-copy')).toEqual([])
    },
    LONG,
  )

  it(
    'two workstations edit one story offline: the second to push gets the conflict, the desk’s text becomes the story and its own is kept as a version',
    async () => {
      const story = await writer.client.saveStory({ document: draftStory() })
      const a = await workstation(await folder(), writer)
      const b = await workstation(await folder(), chief)
      for (const ws of [a, b]) {
        ws.engine.start()
        await until(async () => (await ws.local.list()).some((s) => s.id === story.document.id))
        await ws.engine.stop()
      }
      await save(a, story.document.id, 'A wrote this on the train.')
      await save(b, story.document.id, 'B wrote this in the newsroom.')
      a.engine.start()
      await drained(a)
      b.engine.start()
      await drained(b)
      await until(() => b.conflicts.length === 1)

      const onDesk = await writer.client.getStory({ id: story.document.id })
      expect(onDesk.revision).toBe(2)
      expect(textOf(onDesk.document)).toBe('A wrote this on the train.')
      expect(textOf(await b.local.get(story.document.id))).toBe('A wrote this on the train.')
      const conflict = b.conflicts[0]
      expect(conflict).toMatchObject({
        reason: 'stale',
        theirs: { revision: 2, savedBy: 'Asha Writer' },
      })
      const kept = await b.history.readSnapshot(story.document.id, conflict?.copySeq ?? 0)
      expect(textOf(kept)).toBe('B wrote this in the newsroom.')
      const meta = (await b.history.read(story.document.id)).revisions.at(-1)
      expect(meta).toMatchObject({ reason: 'conflict-copy' })
      expect(meta?.note).toContain('revision 2 by Asha Writer')
    },
    LONG,
  )

  it(
    'follows the feed: remote saves arrive as they are made, and the durable cursor survives a restart',
    async () => {
      const dir = await folder()
      const b = await workstation(dir, chief)
      b.engine.start()
      await until(
        () => b.engine.status().connection === 'online' && b.engine.status().firstSync.finished,
      )
      const story = await writer.client.saveStory({ document: draftStory() })
      await until(async () => (await b.local.list()).some((s) => s.id === story.document.id))
      await closed(b)
      const cursor = JSON.parse(await readFile(join(dir, 'sync', 'cursor.json'), 'utf8')).seq
      expect(cursor).toBeGreaterThan(0)

      const second = await writer.client.saveStory({
        document: edited(story.document, 'Written while B was closed.'),
        baseRevision: 1,
      })
      const requests: string[] = []
      const logged: typeof fetch = (input, init) => {
        requests.push(String(input))
        return fetch(input, init)
      }
      const again = await workstation(dir, { ...chief, client: clientWith(chief, logged) })
      again.engine.start()
      await until(
        async () =>
          (await again.local.get(story.document.id)).headline !== '' &&
          textOf(await again.local.get(story.document.id)) === 'Written while B was closed.',
      )
      const follows = requests.filter((url) => url.includes('/v1/changes/stream'))
      expect(follows[0]).toContain(`since=${cursor}`)
      expect(requests.some((url) => url.includes('/v1/stories?'))).toBe(false)
      await writer.client.saveStory({
        document: edited(second.document, 'Live while B is open.'),
        baseRevision: 2,
      })
      await until(
        async () => textOf(await again.local.get(story.document.id)) === 'Live while B is open.',
      )
    },
    LONG,
  )

  it(
    'offline: saving, submitting and notes queue; approving and pushing are refused; when the desk is back the queue drains by itself',
    async () => {
      const ws = await workstation(await folder(), writer)
      ws.engine.start()
      await until(() => ws.engine.status().connection === 'online')
      await desk.stop()
      const story = await ws.repository.create(draftStory())
      await until(() => ws.engine.status().connection === 'offline')
      expect(ws.engine.status().offlineSince).not.toBeNull()
      await save(ws, story.id, 'Filed from the train.')
      await ws.engine.addNote(story.id, 'Sent from the train', 'Asha Writer')
      expect(await ws.engine.transition(story.id, 'submit')).toEqual({ queued: true })
      await expect(ws.engine.transition(story.id, 'approve')).rejects.toMatchObject({
        code: 'REFUSED',
        message: 'Approving needs the desk: you are offline.',
      })
      expect(() => ws.engine.requireDesk('push')).toThrow(
        'Pushing to the CMS needs the desk: you are offline.',
      )
      // The create was tried (and sent) before the desk was known to be down: the save queues anew.
      expect(ws.engine.status().pending).toBe(4)

      await desk.restart()
      await drained(ws)
      const view = await writer.client.getStory({ id: story.id })
      expect(view.status).toBe('submitted')
      expect(textOf(view.document)).toBe('Filed from the train.')
      const { notes } = await writer.client.listNotes({ id: story.id })
      expect(notes.map((note) => note.body)).toEqual(['Sent from the train'])
      await until(() => ws.engine.status().connection === 'online')
    },
    LONG,
  )

  it(
    'a damaged queue file is set aside and reported, and the stories it held are queued again from the local store',
    async () => {
      const dir = await folder()
      const first = await workstation(dir, writer)
      const story = await first.repository.create(draftStory())
      await closed(first)
      await writeFile(join(dir, 'sync', 'queue.json'), '{"entries": [{"kind": "sa')

      const again = await workstation(dir, writer)
      expect(again.engine.status().queueDamaged).toBe(true)
      const problems = await again.local.problems()
      expect(problems).toEqual([expect.objectContaining({ file: join('sync', 'queue.json') })])
      expect(await readdir(join(dir, 'quarantine'))).toContain(problems[0]?.id)
      again.engine.start()
      const onDesk = () =>
        writer.client.getStory({ id: story.id }).then(
          (view) => view,
          () => null,
        )
      await untilOnDesk(async () => (await onDesk()) !== null)
      expect(textOf((await writer.client.getStory({ id: story.id })).document)).toBe(textOf(story))
    },
    LONG,
  )

  it(
    'stops and says so when the device is signed out; nothing queued is dropped',
    async () => {
      const account = await desk.signIn('writer', 'Cleo Signed Out')
      const ws = await workstation(await folder(), account)
      ws.engine.start()
      await until(() => ws.engine.status().connection === 'online')
      await account.client.signOut({})
      await ws.repository.create(draftStory())
      await until(() => ws.engine.status().connection === 'signed-out')
      expect(ws.engine.status().pending).toBe(1)
      // It stays so: a feed page or a call still in flight once showed it online again (and this
      // test then waited out its time).
      await new Promise((resolve) => setTimeout(resolve, 300))
      const since = ws.statuses.findIndex((status) => status.connection === 'signed-out')
      expect(ws.statuses.slice(since).map((status) => status.connection)).not.toContain('online')
      expect(ws.engine.status().connection).toBe('signed-out')
    },
    LONG,
  )

  it(
    'a save that reached the local store but not the queue (a crash between the two) is queued at the next start',
    async () => {
      const dir = await folder()
      const first = await workstation(dir, writer)
      const story = await first.repository.create(draftStory())
      first.engine.start()
      await drained(first)
      await first.engine.stop()
      // What a crash right after the local write leaves: the store has revision 2, the queue not.
      await first.local.update(story.id, story.revision, (article) => ({
        ...edited(article, 'Saved just before the crash.'),
        revision: article.revision + 1,
      }))
      expect(first.queue.length).toBe(0)
      await closed(first)

      const again = await workstation(dir, writer)
      again.engine.start()
      await untilOnDesk(async () => (await writer.client.getStory({ id: story.id })).revision === 2)
      expect(textOf((await writer.client.getStory({ id: story.id })).document)).toBe(
        'Saved just before the crash.',
      )
    },
    LONG,
  )

  it(
    'a save the desk refuses (the story was approved meanwhile) is kept as a version, the refusal is shown, and the story takes the desk’s state',
    async () => {
      const ws = await workstation(await folder(), writer)
      const story = await ws.repository.create(draftStory())
      expect(await ws.engine.transition(story.id, 'submit')).toEqual({ queued: true })
      ws.engine.start()
      await drained(ws)
      await ws.engine.stop()
      await chief.client.transition({ id: story.id, action: 'approve', revision: 1 })
      // Offline, the writer's copy still looks editable to it (it has not heard of the approval).
      await ws.local.update(story.id, (await ws.local.get(story.id)).revision, (article) => ({
        ...article,
        status: 'draft',
        revision: article.revision + 1,
      }))
      await ws.queue.setTrack(story.id, { localRevision: (await ws.local.get(story.id)).revision })
      await save(ws, story.id, 'A late change after approval.')
      ws.engine.start()
      await drained(ws)
      await until(async () => (await ws.local.get(story.id)).status === 'approved')
      expect(ws.engine.status().refused).toMatchObject({ storyId: story.id })
      expect(ws.conflicts).toEqual([expect.objectContaining({ reason: 'refused', theirs: null })])
      const kept = await ws.history.readSnapshot(story.id, ws.conflicts[0]?.copySeq ?? 0)
      expect(textOf(kept)).toBe('A late change after approval.')
      expect(textOf(await ws.local.get(story.id))).toBe(textOf(story))
      ws.engine.dismissRefused()
      expect(ws.engine.status().refused).toBeNull()
    },
    LONG,
  )

  it(
    'the desk chief’s note reaches the writer’s local history through the feed; the writer’s own note is kept once',
    async () => {
      const ws = await workstation(await folder(), writer)
      const story = await ws.repository.create(draftStory())
      await ws.engine.addNote(story.id, 'Quotes checked with the council', 'Asha Writer')
      ws.engine.start()
      await drained(ws)
      await chief.client.addNote({ id: story.id, body: 'Cut the second paragraph, please' })
      await until(async () => (await ws.history.read(story.id)).notes.length === 2)
      await writer.client.saveStory({
        document: edited(await ws.local.get(story.id), 'A change from elsewhere, after the notes.'),
        baseRevision: 1,
      })
      await until(async () =>
        textOf(await ws.local.get(story.id)).startsWith('A change from elsewhere'),
      )
      const notes = (await ws.history.read(story.id)).notes
      expect(notes.map((note) => [note.by, note.text])).toEqual([
        ['Asha Writer', 'Quotes checked with the council'],
        ['Ben Chief', 'Cut the second paragraph, please'],
      ])
    },
    LONG,
  )

  it(
    'a story in this workstation’s trash does not stop it following the desk',
    async () => {
      const ws = await workstation(await folder(), chief)
      ws.engine.start()
      const story = await writer.client.saveStory({ document: draftStory() })
      await until(async () => (await ws.local.list()).some((s) => s.id === story.document.id))
      await ws.local.trash(story.document.id, '2026-12-01T10:00:00.000Z')
      await writer.client.saveStory({
        document: edited(story.document, 'Saved while it was in B’s trash.'),
        baseRevision: 1,
      })
      const next = await writer.client.saveStory({ document: draftStory() })
      await until(async () => (await ws.local.list()).some((s) => s.id === next.document.id))
      expect((await ws.local.listTrash()).map((entry) => entry.id)).toContain(story.document.id)
    },
    LONG,
  )

  it(
    'online, a desk chief approves through the engine: the desk takes it at once and the local copy shows it',
    async () => {
      const ws = await workstation(await folder(), chief)
      ws.engine.start()
      const story = await writer.client.saveStory({ document: draftStory() })
      await writer.client.transition({ id: story.document.id, action: 'submit', revision: 1 })
      await until(async () =>
        (await ws.local.list()).some((s) => s.id === story.document.id && s.status === 'submitted'),
      )
      await until(() => ws.engine.status().connection === 'online')
      // The local copy shows the story a moment before the queue records the desk revision it
      // stands on (seen with two test workers): approving waits for both, as a person would.
      await until(
        () =>
          (ws.queue.track(story.document.id)?.serverRevision ?? null) !== null &&
          !ws.queue.pendingFor(story.document.id),
      )
      const approved = await ws.engine.transition(story.document.id, 'approve')
      expect(approved).toMatchObject({
        queued: false,
        story: { status: 'approved', approvedRevision: 1 },
      })
      expect((await ws.local.get(story.document.id)).status).toBe('approved')
      expect(ws.queue.length).toBe(0)
    },
    LONG,
  )
})
