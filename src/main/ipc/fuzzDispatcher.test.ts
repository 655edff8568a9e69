import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHODS } from '../../shared/ipc/methods'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { hostilePayloads } from '../testing/hostilePayloads'
import { snapshotDir } from '../testing/snapshotDir'
import { tempDir } from '../testing/tempDir'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation

beforeAll(async () => {
  dir = await tempDir()
  ws = await openWorkstation({ dataDir: dir.path, host: 'web', version: 'fuzz' })
  await ws.dispatch('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
  await ws.dispatch('createArticle', { fields: { headline: 'Existing story' } })
  // The article index's coalesced write and the search index's save land, so the folder holds still.
  await ws.idle()
})
afterAll(async () => {
  await ws.close()
  await dir.cleanup()
})

describe('IPC fuzzing', () => {
  it('refuses 60 random and malformed payloads on every call, with a named error, and changes nothing on disk', async () => {
    await ws.idle()
    const before = await snapshotDir(dir.path)
    const generator = hostilePayloads(7)
    let calls = 0
    for (const method of METHODS) {
      for (let i = 0; i < 60; i += 1) {
        const payload = generator.next().value
        if (
          payload &&
          typeof payload === 'object' &&
          !Array.isArray(payload) &&
          Object.keys(payload).length === 0
        )
          continue
        const result = await ws.dispatch(method, payload)
        calls += 1
        expect(result.ok, `${method} accepted ${JSON.stringify(payload)?.slice(0, 200)}`).toBe(
          false,
        )
        if (!result.ok) expect(['INVALID_INPUT', 'NOT_FOUND']).toContain(result.error.code)
      }
    }
    expect(calls).toBeGreaterThan(METHODS.length * 50)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    await ws.idle()
    expect(await snapshotDir(dir.path)).toEqual(before)
  })

  it('refuses unknown calls', async () => {
    for (const method of [
      '',
      'constructor',
      '__proto__',
      'toString',
      'listArticles ',
      'LISTARTICLES',
    ]) {
      expect(await ws.dispatch(method, {})).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
  })
})
