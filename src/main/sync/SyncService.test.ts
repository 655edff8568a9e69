import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSyncDesk, type SyncDesk } from '../../../tests/support/syncDesk'
import { tempDir } from '../../../tests/support/tempDir'
import { openWorkstation, type Workstation } from '../openWorkstation'

let desk: SyncDesk
const open: { ws: Workstation; cleanup: () => Promise<void> }[] = []

beforeAll(async () => {
  desk = await startSyncDesk()
}, 120_000)
afterAll(() => desk?.close())
afterEach(async () => {
  for (const { ws, cleanup } of open.splice(0)) {
    await ws.close()
    await cleanup()
  }
})

async function workstation(): Promise<Workstation> {
  const dir = await tempDir()
  const ws = await openWorkstation({ dataDir: dir.path, host: 'cli', version: 'test' })
  open.push({ ws, cleanup: dir.cleanup })
  return ws
}

describe('the sync IPC', { timeout: 60_000 }, () => {
  it('answers a standalone workstation at once: not joined, no status, nothing in the inbox', async () => {
    const ws = await workstation()
    const snapshot = await ws.client.watchSync({ after: 0 })
    expect(snapshot).toMatchObject({ joined: false, status: null, conflicts: [], inbox: [] })
    expect(snapshot.version).toBeGreaterThan(0)
    // Nothing changes: a short wait answers with the same version.
    const again = await ws.client.watchSync({ after: snapshot.version, waitMs: 1 })
    expect(again.version).toBe(snapshot.version)
  })

  it('wakes a window waiting on a standalone workstation when it joins a desk, and again when it leaves', async () => {
    const ws = await workstation()
    const first = await ws.client.watchSync({ after: 0 })
    const waiting = ws.client.watchSync({ after: first.version, waitMs: 25_000 })
    const account = await desk.account('writer', 'Wes Writer')
    await ws.client.joinDesk({ url: desk.url, ...account })
    const joined = await waiting
    expect(joined.joined).toBe(true)
    expect(joined.version).toBeGreaterThan(first.version)

    const leaving = ws.client.watchSync({ after: joined.version, waitMs: 25_000 })
    await ws.client.leaveDesk({})
    const left = await leaving
    expect(left).toMatchObject({ joined: false, status: null })
    expect(left.version).toBeGreaterThan(joined.version)
  })

  it('refuses to settle a conflict the workstation does not have, naming why', async () => {
    const ws = await workstation()
    const story = await ws.client.createArticle({ fields: { headline: 'No conflict here' } })
    await expect(
      ws.client.resolveSyncConflict({ storyId: story.id, keep: 'mine' }),
    ).rejects.toMatchObject({ code: 'REFUSED', message: /no sync conflict/ })
  })

  it('sets a damaged sync/inbox.json aside in quarantine, lists it, and starts with an empty inbox', async () => {
    const dir = await tempDir()
    await mkdir(join(dir.path, 'sync'), { recursive: true })
    await writeFile(join(dir.path, 'sync', 'inbox.json'), '{"items": [{"id": 1', 'utf8')
    const ws = await openWorkstation({ dataDir: dir.path, host: 'cli', version: 'test' })
    open.push({ ws, cleanup: dir.cleanup })
    expect(await ws.client.watchSync({ after: 0 })).toMatchObject({ inbox: [], conflicts: [] })
    const problems = await ws.client.listProblems({})
    expect(problems.map((problem) => problem.file)).toContainEqual(
      expect.stringContaining('inbox.json'),
    )
  })

  it('marks nothing and dismisses nothing on a standalone workstation without failing', async () => {
    const ws = await workstation()
    expect(await ws.client.markInboxRead({ ids: ['none'] })).toMatchObject({ inbox: [] })
    expect(await ws.client.dismissSyncRefusal({})).toMatchObject({ joined: false })
  })
})
