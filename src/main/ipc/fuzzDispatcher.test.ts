import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHODS } from '../../shared/ipc/methods'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { tempDir } from '../testing/tempDir'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation

/** A deterministic stream of hostile and malformed payloads. */
function* payloads(seed: number): Generator<unknown> {
  let state = seed
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  const atoms: unknown[] = [
    null,
    undefined,
    0,
    -1,
    1e308,
    Number.NaN,
    '',
    'x'.repeat(100_000),
    '../../etc/passwd',
    '<script>alert(1)</script>',
    true,
    [],
    [null],
    { __proto__: { admin: true } },
    JSON.parse('{"__proto__":{"polluted":1}}'),
    { constructor: { prototype: { polluted: 1 } } },
  ]
  const keys = [
    'id',
    'baseRevision',
    'changes',
    'fields',
    'query',
    'action',
    'note',
    'format',
    'dir',
    'target',
    'name',
    'value',
    'seq',
    'from',
    'to',
    'text',
    'role',
    'ids',
    'status',
    'content',
  ]
  const value = (depth: number): unknown => {
    const pick = next()
    if (depth > 2 || pick < 0.5) return atoms[Math.floor(next() * atoms.length)]
    if (pick < 0.75) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1))
    return Object.fromEntries(
      Array.from({ length: 1 + Math.floor(next() * 4) }, () => [
        keys[Math.floor(next() * keys.length)] ?? 'x',
        value(depth + 1),
      ]),
    )
  }
  for (;;) yield value(0)
}

/** Every file under the data folder with a hash of its content. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (path: string) => {
    for (const name of await readdir(path)) {
      const full = join(path, name)
      if ((await stat(full)).isDirectory()) await walk(full)
      else
        out[full.slice(root.length)] = createHash('sha1')
          .update(await readFile(full))
          .digest('hex')
    }
  }
  await walk(root)
  return out
}

beforeAll(async () => {
  dir = await tempDir()
  ws = await openWorkstation({ dataDir: dir.path, host: 'web', version: 'fuzz' })
  await ws.dispatch('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
  await ws.dispatch('createArticle', { fields: { headline: 'Existing story' } })
})
afterAll(async () => {
  await ws.close()
  await dir.cleanup()
})

describe('IPC fuzzing', () => {
  it('refuses 60 random and malformed payloads on every call, with a named error, and changes nothing on disk', async () => {
    await new Promise((resolve) => setTimeout(resolve, 400))
    const before = await snapshot(dir.path)
    const generator = payloads(7)
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
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(await snapshot(dir.path)).toEqual(before)
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
