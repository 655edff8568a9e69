import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { draftStory, edited } from '../../../tests/support/storyDesk'
import { startSyncDesk, type DeskAccount, type SyncDesk } from '../../../tests/support/syncDesk'
import { until } from '../../../tests/support/syncWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import type { Article } from '../../shared/domain/Article'
import type { Clock } from '../../shared/domain/Clock'
import type { DocNode } from '../../shared/domain/DocNode'
import type { SyncSnapshot } from '../../shared/domain/SyncSnapshot'
import { describeSyncStatus } from '../../shared/domain/SyncStatus'
import { openWorkstation, type Workstation } from '../openWorkstation'

const LONG = 60_000

function textOf(article: Pick<Article, 'body'>): string {
  const walk = (node: DocNode): string =>
    'text' in node && typeof node.text === 'string'
      ? node.text
      : (node.content ?? []).map(walk).join('')
  return walk(article.body)
}

const time = (iso: string) => iso.slice(11, 16)

function statusWords(snapshot: SyncSnapshot): string {
  if (!snapshot.status) throw new Error('no sync status: not joined')
  return describeSyncStatus(snapshot.status, time)
}

let desk: SyncDesk
let chief: DeskAccount
const open: Workstation[] = []
const folders: (() => Promise<void>)[] = []

beforeAll(async () => {
  desk = await startSyncDesk()
  chief = await desk.signIn('desk-chief', 'Ben Chief')
}, 120_000)
afterEach(async () => {
  await desk.restart()
  for (const ws of open.splice(0)) await ws.close()
})
afterAll(async () => {
  for (const cleanup of folders) await cleanup()
  await desk?.close()
})

async function folder(): Promise<string> {
  const dir = await tempDir('copydesk-joined-')
  folders.push(dir.cleanup)
  return dir.path
}

/** A workstation as the browser host opens it (syncing in the background), retrying quickly. */
async function workstation(
  dataDir: string,
  options: { clock?: Clock; host?: 'web' | 'cli' } = {},
): Promise<Workstation> {
  const ws = await openWorkstation({
    dataDir,
    host: options.host ?? 'web',
    version: 'test',
    runSync: options.host !== 'cli',
    syncRetry: { firstMs: 20, maxMs: 200 },
    ...(options.clock ? { clock: options.clock } : {}),
  })
  open.push(ws)
  return ws
}

/** A writer's workstation joined to the desk, online. */
async function joinedWriter(
  name = 'Asha Writer',
  options: { clock?: Clock } = {},
): Promise<{ ws: Workstation; dataDir: string; name: string }> {
  const dataDir = await folder()
  const ws = await workstation(dataDir, options)
  await ws.client.joinDesk({ url: desk.url, ...(await desk.account('writer', name)) })
  await online(ws)
  return { ws, dataDir, name }
}

async function online(ws: Workstation): Promise<void> {
  await until(async () => (await ws.client.watchSync({ after: 0 })).status?.connection === 'online')
}

/** Waits until nothing waits for the desk. */
async function drained(ws: Workstation): Promise<void> {
  await until(async () => {
    const { status } = await ws.client.watchSync({ after: 0 })
    return status?.connection === 'online' && status.pending === 0
  })
}

/** A story that passes the desk's checks, written on the workstation (by its desk account). */
async function writeStory(ws: Workstation, text = 'The council voted.') {
  const fields = draftStory()
  const story = await ws.client.createArticle({
    fields: {
      headline: fields.headline,
      dateline: fields.dateline,
      byline: fields.byline,
      body: edited(fields, text).body,
    },
  })
  return story
}

async function onDesk(id: string) {
  return chief.client.getStory({ id }).catch(() => null)
}

describe('a joined workstation syncs through its services', { timeout: LONG }, () => {
  it('saves reach the desk, the desk chief’s saves reach the local store, and storiesVersion moves with them', async () => {
    const { ws } = await joinedWriter()
    const story = await writeStory(ws, 'First words.')
    await ws.client.saveArticle({
      id: story.id,
      baseRevision: story.revision,
      changes: { body: edited(story, 'Second words.').body },
    })
    await drained(ws)
    const view = await onDesk(story.id)
    expect(view && textOf(view.document)).toBe('Second words.')

    const before = await ws.client.watchSync({ after: 0 })
    if (!view) throw new Error('not on the desk')
    await chief.client.saveStory({
      document: edited(view.document, 'The chief tightened it.'),
      baseRevision: view.revision,
    })
    // A window waiting on the snapshot is woken by the desk's change, and reloads the story.
    let after = before
    while (after.storiesVersion === before.storiesVersion)
      after = await ws.client.watchSync({ after: after.version, waitMs: 25_000 })
    expect(textOf(await ws.client.getArticle({ id: story.id }))).toBe('The chief tightened it.')
    await drained(ws)
    expect(statusWords(await ws.client.watchSync({ after: 0 }))).toBe('Online')
  })

  it('offline: a submit is queued and says it will reach the desk; the local status changes; approve and push are refused naming why; back online it reaches the desk by itself', async () => {
    const { ws } = await joinedWriter()
    const story = await writeStory(ws, 'Filed before the tunnel.')
    await drained(ws)
    await desk.stop()
    const submitted = await ws.client.transition({ id: story.id, action: 'submit' })
    expect(submitted.status).toBe('submitted')
    expect(submitted.queuedForDesk).toMatch(/will reach the desk when online/)
    await ws.client.addNote({ id: story.id, text: 'Sent from the train' })
    await until(
      async () => (await ws.client.watchSync({ after: 0 })).status?.connection === 'offline',
    )
    const offline = await ws.client.watchSync({ after: 0 })
    expect(statusWords(offline)).toMatch(
      /^Offline since \d\d:\d\d: 2 changes will reach the desk when online$/,
    )
    await expect(ws.client.pushArticle({ id: story.id, target: 'webhook' })).rejects.toMatchObject({
      code: 'REFUSED',
      message: 'Pushing to the CMS needs the desk: you are offline.',
    })

    await desk.restart()
    await drained(ws)
    expect((await onDesk(story.id))?.status).toBe('submitted')
    const { notes } = await chief.client.listNotes({ id: story.id })
    expect(notes.map((note) => note.body)).toEqual(['Sent from the train'])
    // The local copy is the desk's, submitted, with the note kept once.
    expect((await ws.client.getArticle({ id: story.id })).status).toBe('submitted')
    expect((await ws.client.listNotes({ id: story.id })).map((n) => n.text)).toEqual([
      'Sent from the train',
    ])
  })

  it('a desk chief’s approve goes to the desk at once, and is refused offline naming why', async () => {
    const dataDir = await folder()
    const ws = await workstation(dataDir)
    await ws.client.joinDesk({ url: desk.url, ...(await desk.account('desk-chief', 'Cleo Chief')) })
    await online(ws)
    const writer = await desk.signIn('writer', 'Wren Writer')
    const view = await writer.client.saveStory({ document: draftStory({ author: 'Wren Writer' }) })
    await writer.client.transition({
      id: view.document.id,
      action: 'submit',
      revision: view.revision,
      note: '',
    })
    await until(async () => (await ws.client.getQueue({})).some((s) => s.id === view.document.id))

    await desk.stop()
    await until(
      async () => (await ws.client.watchSync({ after: 0 })).status?.connection === 'offline',
    )
    await expect(
      ws.client.transition({ id: view.document.id, action: 'approve' }),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: 'Approving needs the desk: you are offline.',
    })
    expect((await ws.client.getArticle({ id: view.document.id })).status).toBe('submitted')

    await desk.restart()
    await online(ws)
    const approved = await ws.client.transition({ id: view.document.id, action: 'approve' })
    expect(approved.status).toBe('approved')
    expect(approved.queuedForDesk).toBeUndefined()
    expect((await onDesk(view.document.id))?.status).toBe('approved')
  })
})

describe('the writer’s inbox', { timeout: LONG }, () => {
  it('gets the chief’s note and the story sent back, by name with the note’s text; kept in sync/inbox.json across a restart; marked read', async () => {
    const { ws, dataDir } = await joinedWriter('Ines Writer')
    const story = await writeStory(ws)
    await ws.client.transition({ id: story.id, action: 'submit' })
    await drained(ws)
    const view = await onDesk(story.id)
    if (!view) throw new Error('not on the desk')
    await chief.client.addNote({ id: story.id, body: 'Who confirmed the vote count?' })
    await chief.client.transition({
      id: story.id,
      action: 'request_changes',
      revision: view.revision,
      note: 'Name the source for the figure.',
    })
    await until(async () => (await ws.client.watchSync({ after: 0 })).inbox.length === 2)
    const { inbox } = await ws.client.watchSync({ after: 0 })
    expect(inbox).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'note',
          by: 'Ben Chief',
          body: 'Who confirmed the vote count?',
          headline: story.headline,
          read: false,
        }),
        expect.objectContaining({
          kind: 'sent-back',
          by: 'Ben Chief',
          body: 'Name the source for the figure.',
          storyId: story.id,
        }),
      ]),
    )
    // The writer's own actions never land in the inbox.
    expect(inbox.every((item) => item.by === 'Ben Chief')).toBe(true)

    await ws.close()
    open.splice(open.indexOf(ws), 1)
    const again = await workstation(dataDir)
    const kept = await again.client.watchSync({ after: 0 })
    expect(kept.inbox.map((item) => item.kind).sort()).toEqual(['note', 'sent-back'])
    const first = kept.inbox[0]
    if (!first) throw new Error('no inbox item')
    const marked = await again.client.markInboxRead({ ids: [first.id] })
    expect(marked.inbox.find((item) => item.id === first.id)?.read).toBe(true)
    const file = JSON.parse(await readFile(join(dataDir, 'sync', 'inbox.json'), 'utf8'))
    expect(file.items.find((item: { id: string }) => item.id === first.id).read).toBe(true)
  })
})

describe('conflicts', { timeout: LONG }, () => {
  async function conflicted() {
    const { ws } = await joinedWriter()
    const story = await writeStory(ws, 'Both start here.')
    await drained(ws)
    const view = await onDesk(story.id)
    if (!view) throw new Error('not on the desk')
    await desk.stop()
    const local = await ws.client.getArticle({ id: story.id })
    await ws.client.saveArticle({
      id: story.id,
      baseRevision: local.revision,
      changes: { body: edited(local, 'Mine, written offline.').body },
    })
    await desk.restart()
    await chief.client.saveStory({
      document: edited(view.document, 'Theirs, saved on the desk.'),
      baseRevision: view.revision,
    })
    await until(async () => (await ws.client.watchSync({ after: 0 })).conflicts.length === 1)
    return { ws, story }
  }

  it('shows the conflict with the story’s headline; Keep mine brings the local text back and it reaches the desk', async () => {
    const { ws, story } = await conflicted()
    const { conflicts } = await ws.client.watchSync({ after: 0 })
    expect(conflicts[0]).toMatchObject({
      storyId: story.id,
      headline: story.headline,
      reason: 'stale',
    })
    expect(textOf(await ws.client.getArticle({ id: story.id }))).toBe('Theirs, saved on the desk.')

    const kept = await ws.client.resolveSyncConflict({ storyId: story.id, keep: 'mine' })
    expect(textOf(kept)).toBe('Mine, written offline.')
    expect((await ws.client.watchSync({ after: 0 })).conflicts).toEqual([])
    await drained(ws)
    const view = await onDesk(story.id)
    expect(view && textOf(view.document)).toBe('Mine, written offline.')
    // The desk's text stays a version in History.
    const versions = await ws.client.listRevisions({ id: story.id })
    expect(versions.some((v) => v.reason === 'conflict-copy')).toBe(true)
  })

  it('Take theirs leaves the desk’s text and clears the conflict; the local text stays in History', async () => {
    const { ws, story } = await conflicted()
    const taken = await ws.client.resolveSyncConflict({ storyId: story.id, keep: 'theirs' })
    expect(textOf(taken)).toBe('Theirs, saved on the desk.')
    expect((await ws.client.watchSync({ after: 0 })).conflicts).toEqual([])
    const copy = (await ws.client.listRevisions({ id: story.id })).find(
      (v) => v.reason === 'conflict-copy',
    )
    if (!copy) throw new Error('no conflict copy')
    expect(textOf(await ws.client.getRevision({ id: story.id, seq: copy.seq }))).toBe(
      'Mine, written offline.',
    )
  })
})

describe('a submit queued offline that the desk finds stale', { timeout: LONG }, () => {
  it('goes again on the desk’s revision when the writer had changed nothing else: the story is submitted with the chief’s edit', async () => {
    const { ws } = await joinedWriter()
    const story = await writeStory(ws, 'As filed.')
    await drained(ws)
    const view = await onDesk(story.id)
    if (!view) throw new Error('not on the desk')
    await desk.stop()
    await ws.client.transition({ id: story.id, action: 'submit' })
    await desk.restart()
    // The chief's save lands first: the queued submit names a revision the desk has moved past.
    await chief.client.saveStory({
      document: edited(view.document, 'As filed, with the chief’s fix.'),
      baseRevision: view.revision,
    })
    await drained(ws)
    await until(async () => (await onDesk(story.id))?.status === 'submitted')
    await until(
      async () =>
        textOf(await ws.client.getArticle({ id: story.id })) === 'As filed, with the chief’s fix.',
    )
    expect((await ws.client.watchSync({ after: 0 })).status?.refused).toBeNull()
  })

  it('waits, and says so, when the writer’s own text behind it became a conflict: nothing of the chief’s is submitted in the writer’s name', async () => {
    const { ws } = await joinedWriter()
    const story = await writeStory(ws, 'As filed.')
    await drained(ws)
    const view = await onDesk(story.id)
    if (!view) throw new Error('not on the desk')
    await desk.stop()
    const local = await ws.client.getArticle({ id: story.id })
    await ws.client.saveArticle({
      id: story.id,
      baseRevision: local.revision,
      changes: { body: edited(local, 'Rewritten on the train.').body },
    })
    await ws.client.transition({ id: story.id, action: 'submit' })
    await desk.restart()
    await chief.client.saveStory({
      document: edited(view.document, 'The chief’s own rewrite.'),
      baseRevision: view.revision,
    })
    await until(async () => {
      const { status, conflicts } = await ws.client.watchSync({ after: 0 })
      return status?.refused !== null && conflicts.length > 0
    })
    const snapshot = await ws.client.watchSync({ after: 0 })
    expect(snapshot.status?.refused?.reason).toMatch(/“Submit to desk” did not reach the desk/)
    expect(snapshot.conflicts.map((c) => c.storyId)).toEqual([story.id])
    await drained(ws)
    expect((await onDesk(story.id))?.status).toBe('draft')
    const dismissed = await ws.client.dismissSyncRefusal({})
    expect(dismissed.status?.refused).toBeNull()
  })
})

describe('joining and leaving while running', { timeout: LONG }, () => {
  it('joining starts syncing the stories written before; leaving stops it and keeps the local copies', async () => {
    const dataDir = await folder()
    const ws = await workstation(dataDir)
    await ws.client.setProfile({ name: 'Lou Local', role: 'writer' })
    const before = await writeStory(ws, 'Written standalone.')
    await ws.client.joinDesk({ url: desk.url, ...(await desk.account('writer', 'Lou Local')) })
    await drained(ws)
    expect((await onDesk(before.id))?.document.headline).toBe(before.headline)

    await ws.client.leaveDesk({})
    expect(await ws.client.watchSync({ after: 0 })).toMatchObject({ joined: false, status: null })
    const queue = await queueFiles(dataDir)
    const saved = await ws.client.saveArticle({
      id: before.id,
      baseRevision: (await ws.client.getArticle({ id: before.id })).revision,
      changes: { body: edited(before, 'Written after leaving.').body },
    })
    expect(textOf(saved)).toBe('Written after leaving.')
    // Standalone again: nothing is queued for the desk left.
    expect(await queueFiles(dataDir)).toEqual(queue)
    expect((await ws.client.listArticles({})).map((s) => s.id)).toContain(before.id)
  })
})

/** The sync queue's files (snapshot and journal), each with its text. */
async function queueFiles(dataDir: string): Promise<Record<string, string>> {
  const dir = join(dataDir, 'sync')
  const names = (await readdir(dir)).filter((name) => name.startsWith('queue.'))
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')])),
  )
}
