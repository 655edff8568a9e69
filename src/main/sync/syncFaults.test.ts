import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { draftStory, edited, movableClock } from '../../../tests/support/storyDesk'
import { startSyncDesk, type DeskAccount, type SyncDesk } from '../../../tests/support/syncDesk'
import { until } from '../../../tests/support/syncWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import { createDeskClient } from '../../shared/desk/createDeskClient'
import type { Article } from '../../shared/domain/Article'
import { systemClock, type Clock } from '../../shared/domain/Clock'
import type { DocNode } from '../../shared/domain/DocNode'
import type { SyncSnapshot } from '../../shared/domain/SyncSnapshot'
import { describeSyncStatus } from '../../shared/domain/SyncStatus'
import { AppError } from '../../shared/ipc/AppError'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { AppendLog } from '../store/AppendLog'
import { JsonDocument } from '../store/JsonDocument'
import { LocalCopy } from './LocalCopy'
import { runCliCaptured } from '../../../tests/support/runCliCaptured'

const LONG = 60_000

function textOf(article: Pick<Article, 'body'>): string {
  const walk = (node: DocNode): string =>
    'text' in node && typeof node.text === 'string'
      ? node.text
      : (node.content ?? []).map(walk).join('')
  return walk(article.body)
}

function statusWords(snapshot: SyncSnapshot): string {
  if (!snapshot.status) throw new Error('no sync status: not joined')
  return describeSyncStatus(snapshot.status, (iso) => iso.slice(11, 16))
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
  vi.restoreAllMocks()
  await desk.restart()
  for (const ws of open.splice(0)) await ws.close()
})
afterAll(async () => {
  for (const cleanup of folders) await cleanup()
  await desk?.close()
})

async function folder(): Promise<string> {
  const dir = await tempDir('copydesk-faults-')
  folders.push(dir.cleanup)
  return dir.path
}

async function joinedWriter(options: { clock?: Clock; name?: string } = {}) {
  const dataDir = await folder()
  const ws = await openWorkstation({
    dataDir,
    host: 'web',
    version: 'test',
    runSync: true,
    syncRetry: { firstMs: 20, maxMs: 200 },
    ...(options.clock ? { clock: options.clock } : {}),
  })
  open.push(ws)
  const account = await desk.account('writer', options.name ?? 'Asha Writer')
  await ws.client.joinDesk({ url: desk.url, ...account })
  await settled(ws)
  return { ws, dataDir, account }
}

async function snapshot(ws: Workstation): Promise<SyncSnapshot> {
  return ws.client.watchSync({ after: 0 })
}

/** Online, the first sync done, nothing waiting. */
async function settled(ws: Workstation): Promise<void> {
  await until(async () => {
    const { status } = await snapshot(ws)
    return status?.connection === 'online' && status.pending === 0 && status.firstSync.finished
  })
}

async function writeStory(ws: Workstation, text: string) {
  const fields = draftStory()
  return ws.client.createArticle({
    fields: {
      headline: fields.headline,
      dateline: fields.dateline,
      byline: fields.byline,
      body: edited(fields, text).body,
    },
  })
}

async function deskText(id: string): Promise<string | null> {
  const view = await chief.client.getStory({ id }).catch(() => null)
  return view ? textOf(view.document) : null
}

async function chiefEdits(id: string, text: string): Promise<void> {
  const view = await chief.client.getStory({ id })
  await chief.client.saveStory({
    document: edited(view.document, text),
    baseRevision: view.revision,
  })
}

describe(
  'sync faults: a clear status, nothing lost, and sync resumes by itself',
  { timeout: LONG },
  () => {
    it('the desk restarted: the workstation says it is offline, then follows the feed again by itself', async () => {
      const { ws } = await joinedWriter()
      const story = await writeStory(ws, 'Before the restart.')
      await settled(ws)
      await desk.stop()
      await until(async () => (await snapshot(ws)).status?.connection === 'offline')
      expect(statusWords(await snapshot(ws))).toMatch(/^Offline since \d\d:\d\d$/)
      await desk.restart()
      await settled(ws)
      await chiefEdits(story.id, 'After the restart.')
      await until(
        async () => textOf(await ws.client.getArticle({ id: story.id })) === 'After the restart.',
      )
    })

    it('a revoked token: sync stops, says to sign in again, keeps saving locally; signing in again resumes and the saves reach the desk', async () => {
      const { ws, dataDir, account } = await joinedWriter()
      const story = await writeStory(ws, 'Before the revocation.')
      await settled(ws)
      const secrets = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8'))
      const token = String(secrets.values.deskToken)
      await createDeskClient({ baseUrl: desk.url, fetch, token: () => token }).signOut({})

      const local = await ws.client.getArticle({ id: story.id })
      await ws.client.saveArticle({
        id: story.id,
        baseRevision: local.revision,
        changes: { body: edited(local, 'Saved after the revocation.').body },
      })
      await until(async () => (await snapshot(ws)).status?.connection === 'signed-out')
      expect(statusWords(await snapshot(ws))).toBe(
        'Sign-in expired: sign in again to sync (1 change waiting)',
      )
      expect(textOf(await ws.client.getArticle({ id: story.id }))).toBe(
        'Saved after the revocation.',
      )

      await ws.client.joinDesk({ url: desk.url, ...account })
      await settled(ws)
      expect(await deskText(story.id)).toBe('Saved after the revocation.')
    })

    it('a full disk under the sync queue: the save is refused to the editor with a clear error (never acknowledged), the status says so, and the editor saving again once there is room reaches the desk', async () => {
      const { ws } = await joinedWriter()
      const story = await writeStory(ws, 'Room on the disk.')
      await settled(ws)
      const full = () =>
        Promise.reject(
          Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
        )
      const save = JsonDocument.prototype.save
      vi.spyOn(JsonDocument.prototype, 'save').mockImplementation(function (
        this: JsonDocument<unknown>,
        next,
      ) {
        if (this.path.endsWith(join('sync', 'queue.json'))) return full()
        return save.call(this, next)
      })
      const append = AppendLog.prototype.append
      vi.spyOn(AppendLog.prototype, 'append').mockImplementation(function (this: AppendLog, lines) {
        if (this.path.includes(join('sync', 'queue.'))) return full()
        return append.call(this, lines)
      })
      const changes = { body: edited(story, 'Typed while the disk was full.').body }
      await expect(
        ws.client.saveArticle({ id: story.id, baseRevision: story.revision, changes }),
      ).rejects.toMatchObject({
        code: 'IO',
        message: /^The disk is full: this save could not be queued for the desk, so it was refused/,
      })
      await until(async () => (await snapshot(ws)).status?.diskFull === true)
      expect(statusWords(await snapshot(ws))).toMatch(
        /^The disk is full: saving is refused until there is room/,
      )

      vi.restoreAllMocks()
      // The editor saves again from the revision it had: taken, not a conflict with its own text.
      const saved = await ws.client.saveArticle({
        id: story.id,
        baseRevision: story.revision,
        changes,
      })
      expect(textOf(saved)).toBe('Typed while the disk was full.')
      await settled(ws)
      expect((await snapshot(ws)).status?.diskFull).toBe(false)
      expect(await deskText(story.id)).toBe('Typed while the disk was full.')
    })

    it('a clock three hours fast: the status says so, and sync still works both ways (ordered by the desk’s revisions)', async () => {
      const clock = movableClock(
        new Date(systemClock.now().getTime() + 3 * 3_600_000).toISOString(),
      )
      const { ws } = await joinedWriter({ clock })
      expect((await snapshot(ws)).status?.clockSkewMs).toBeGreaterThan(2.9 * 3_600_000)
      expect(statusWords(await snapshot(ws))).toBe(
        "Online. This computer's clock is 3 hours off (ahead of the desk's); sync still works",
      )
      const story = await writeStory(ws, 'Written three hours ahead.')
      await settled(ws)
      expect(await deskText(story.id)).toBe('Written three hours ahead.')
      await chiefEdits(story.id, 'Edited on desk time.')
      await until(
        async () => textOf(await ws.client.getArticle({ id: story.id })) === 'Edited on desk time.',
      )
    })

    it('a change the local store cannot take is recorded as a problem and skipped: the feed does not stall on it', async () => {
      const { ws } = await joinedWriter()
      const bad = await chief.client.saveStory({
        document: draftStory({ headline: 'Refused locally' }),
      })
      const apply = LocalCopy.prototype.applyRemote
      vi.spyOn(LocalCopy.prototype, 'applyRemote').mockImplementation(function (
        this: LocalCopy,
        view,
      ) {
        if (view.document.id === bad.document.id)
          return Promise.reject(
            new AppError('INVALID_INPUT', 'The local store refused this story.'),
          )
        return apply.call(this, view)
      })
      await chiefEdits(bad.document.id, 'A change that cannot be applied here.')
      const good = await chief.client.saveStory({
        document: draftStory({ headline: 'Arrives anyway' }),
      })
      await until(async () =>
        (await ws.client.listArticles({})).some((summary) => summary.id === good.document.id),
      )
      const problems = await ws.client.listAppProblems({})
      expect(problems.problems.map((problem) => problem.summary)).toContainEqual(
        expect.stringContaining(
          `A change the desk made to story ${bad.document.id} could not be applied`,
        ),
      )
    })
  },
)

describe('the command line on a joined workstation', { timeout: LONG }, () => {
  const cli = (dataDir: string, ...args: string[]) =>
    runCliCaptured([...args, '--data-dir', dataDir])

  it('a story created offline is queued and the command says, in one line, that it will reach the desk; the next command with the desk up pushes it', async () => {
    const dataDir = await folder()
    const account = await desk.account('writer', 'Cal Commandline')
    const ws = await openWorkstation({ dataDir, host: 'cli', version: 'test' })
    await ws.client.joinDesk({ url: desk.url, ...account })
    await ws.close()

    await desk.stop()
    const created = await cli(
      dataDir,
      'create',
      '--headline',
      'Filed from the command line',
      '--json',
    )
    expect(created.code).toBe(0)
    expect(created.err).toMatch(
      /^copydesk: 1 change kept on this computer will reach the desk when online \(Cannot reach the desk at .*\)\.$/,
    )
    const id = String(JSON.parse(created.out).id)

    await desk.restart()
    const listed = await cli(dataDir, 'list')
    expect(listed).toMatchObject({ code: 0, err: '' })
    expect((await chief.client.getStory({ id })).document.headline).toBe(
      'Filed from the command line',
    )
  })
})
