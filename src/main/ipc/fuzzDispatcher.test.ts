import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../shared/ipc/contract'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { malformedIpcPayloads } from '../../../tests/support/malformedIpcPayloads'
import { snapshotDir } from '../../../tests/support/snapshotDir'
import { tempDir } from '../../../tests/support/tempDir'

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
    const generator = malformedIpcPayloads(7)
    let calls = 0
    for (const method of METHOD_NAMES) {
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
    expect(calls).toBeGreaterThan(METHOD_NAMES.length * 50)
    const fresh: Record<string, unknown> = {}
    expect(fresh['polluted']).toBeUndefined()
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
