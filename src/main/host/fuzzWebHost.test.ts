import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../../shared/ipc/contract'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { malformedIpcPayloads } from '../../../tests/support/malformedIpcPayloads'
import { rawRequest } from '../../../tests/support/rawRequest'
import { snapshotDir } from '../../../tests/support/snapshotDir'
import { tempDir } from '../../../tests/support/tempDir'
import { createWebHost, type WebHost } from './createWebHost'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation
let host: WebHost
const dataDir = () => join(dir.path, 'data')

beforeAll(async () => {
  dir = await tempDir()
  const rendererDir = join(dir.path, 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Copydesk</title>')
  ws = await openWorkstation({ dataDir: dataDir(), host: 'web', version: 'fuzz' })
  await ws.dispatch('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
  await ws.dispatch('createArticle', { fields: { headline: 'Existing story' } })
  // The article index's coalesced write and the search index's save land, so the folder holds still.
  await ws.idle()
  host = await createWebHost({ dispatch: ws.dispatch, rendererDir })
})
afterAll(async () => {
  await host.close()
  await ws.close()
  await dir.cleanup()
})

const good = () => ({
  Host: new URL(host.origin).host,
  Origin: host.origin,
  Authorization: `Bearer ${host.token}`,
  'Content-Type': 'application/json',
})

/** A seeded stream of numbers in [0, 1), so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const settle = () => ws.idle()

/** The one story the desk held before the fuzzing, as it is on disk now. */
async function storiesOnDisk(): Promise<unknown[]> {
  const folder = join(dataDir(), 'articles')
  const names = await readdir(folder)
  return Promise.all(
    names.map(async (name) => {
      const story: unknown = JSON.parse(await readFile(join(folder, name), 'utf8'))
      return story
    }),
  )
}

/** Parses an answer that must be a named refusal; fails the test with the call that got through. */
function expectRefused(label: string, res: { status: number; body: string }): void {
  let body: unknown
  try {
    body = JSON.parse(res.body)
  } catch {
    throw new Error(
      `${label}: answered ${res.status} with a body that is not JSON: ${res.body.slice(0, 120)}`,
    )
  }
  expect(body, label).toMatchObject({
    ok: false,
    error: { code: expect.any(String), message: expect.any(String) },
  })
  expect(res.status, label).toBeLessThan(500)
}

describe('browser host fuzzing over HTTP', () => {
  it('refuses random payloads on every call, with a named error, and changes nothing on disk', async () => {
    await settle()
    const before = await snapshotDir(dataDir())
    const payloads = malformedIpcPayloads(11)
    for (const method of METHOD_NAMES) {
      for (let i = 0; i < 15; i += 1) {
        const payload = payloads.next().value
        const body = JSON.stringify(payload)
        // An empty object is a valid call for the methods that take no input.
        if (body === undefined || body === '{}') continue
        const res = await rawRequest(host.origin, `/api/${method}`, {
          method: 'POST',
          headers: good(),
          body,
        })
        expectRefused(`${method} ${body.slice(0, 160)}`, res)
      }
    }
    // Every refused call left the desk as it was: one story, at its first revision, nothing in the trash.
    expect(await storiesOnDisk()).toEqual([
      expect.objectContaining({ headline: 'Existing story', revision: 1 }),
    ])
    expect(await readdir(join(dataDir(), 'trash'))).toEqual([])
    await settle()
    expect(await snapshotDir(dataDir())).toEqual(before)
  })

  it('refuses random bytes, broken JSON and odd paths without failing or changing anything', async () => {
    await settle()
    const before = await snapshotDir(dataDir())
    const random = seeded(5)
    const bodies = [
      '',
      '{',
      '{"fields":',
      '['.repeat(50_000),
      '{"a":'.repeat(20_000),
      '\u0000\u0001\u0002',
      'null',
      '"just a string"',
      '1e999999',
      Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256))),
      ...Array.from({ length: 40 }, () =>
        Array.from({ length: Math.floor(random() * 200) }, () =>
          String.fromCharCode(Math.floor(random() * 0x2fff)),
        ).join(''),
      ),
    ]
    for (const [index, body] of bodies.entries()) {
      const method = METHOD_NAMES[index % METHOD_NAMES.length] ?? 'listArticles'
      const res = await rawRequest(host.origin, `/api/${method}`, {
        method: 'POST',
        headers: good(),
        body,
      })
      expectRefused(`${method} body #${index}`, res)
    }
    for (const path of [
      '/api/',
      '/api/%E0%A4%A',
      '/api/..%2f..%2fsettings',
      '/api/listArticles/../../x',
      '/%E0%A4%A',
      '/%00',
      '/..%5c..%5csecret',
      '/api/__proto__',
      '/api/constructor',
    ]) {
      const res = await rawRequest(host.origin, path, {
        method: path.startsWith('/api') ? 'POST' : 'GET',
        headers: good(),
        body: path.startsWith('/api') ? '{}' : undefined,
      })
      expectRefused(path, res)
    }
    await settle()
    expect(await snapshotDir(dataDir())).toEqual(before)
  })

  it('refuses every call whose headers are not our page’s, whatever the payload', async () => {
    await settle()
    const before = await snapshotDir(dataDir())
    const random = seeded(9)
    const mutations: [string, (h: Record<string, string>) => Record<string, string>][] = [
      ['no token', ({ Authorization: _a, ...h }) => h],
      ['a wrong token', (h) => ({ ...h, Authorization: `Bearer ${host.token.slice(1)}x` })],
      ['a token in another scheme', (h) => ({ ...h, Authorization: `Basic ${host.token}` })],
      ['another origin', (h) => ({ ...h, Origin: 'http://evil.example' })],
      ['a null origin', (h) => ({ ...h, Origin: 'null' })],
      ['our origin on another port', (h) => ({ ...h, Origin: 'http://127.0.0.1:1' })],
      ['no origin', ({ Origin: _o, ...h }) => h],
      ['a rebinding Host', (h) => ({ ...h, Host: 'evil.example' })],
      ['localhost as Host', (h) => ({ ...h, Host: `localhost:${new URL(host.origin).port}` })],
      [
        'a form content type',
        (h) => ({ ...h, 'Content-Type': 'application/x-www-form-urlencoded' }),
      ],
      ['a text content type', (h) => ({ ...h, 'Content-Type': 'text/plain' })],
    ]
    for (let i = 0; i < 120; i += 1) {
      const picked = mutations[Math.floor(random() * mutations.length)]
      if (!picked) continue
      const [name, mutate] = picked
      const method = METHOD_NAMES[Math.floor(random() * METHOD_NAMES.length)] ?? 'createArticle'
      const res = await rawRequest(host.origin, `/api/${method}`, {
        method: random() < 0.9 ? 'POST' : 'PUT',
        headers: mutate(good()),
        body: JSON.stringify({ fields: { headline: 'Planted by a hostile page' } }),
      })
      expectRefused(`${method} with ${name}`, res)
      expect(res.status, `${method} with ${name}`).toBeGreaterThanOrEqual(400)
    }
    await settle()
    expect(await snapshotDir(dataDir())).toEqual(before)
  })

  it('never gives the token for a guessed, hostile or malformed launch call', async () => {
    const random = seeded(13)
    const payloads = malformedIpcPayloads(17)
    const live = host.launch()
    const guesses: { body: string; headers: Record<string, string>; method: string }[] = []
    for (let i = 0; i < 150; i += 1) {
      const code = Array.from({ length: Math.floor(random() * 40) + 1 }, () =>
        String.fromCharCode(33 + Math.floor(random() * 94)),
      ).join('')
      guesses.push({ body: JSON.stringify({ code }), headers: good(), method: 'POST' })
      const hostile = JSON.stringify(payloads.next().value) ?? 'undefined'
      guesses.push({ body: hostile, headers: good(), method: 'POST' })
    }
    const real = JSON.stringify({ code: live.code })
    guesses.push(
      { body: real, headers: { ...good(), Origin: 'http://evil.example' }, method: 'POST' },
      { body: real, headers: { ...good(), Origin: 'null' }, method: 'POST' },
      { body: real, headers: { ...good(), Host: 'evil.example' }, method: 'POST' },
      { body: real, headers: { ...good(), 'Content-Type': 'text/plain' }, method: 'POST' },
      { body: real, headers: good(), method: 'PUT' },
      { body: JSON.stringify({ code: live.code, extra: 1 }), headers: good(), method: 'POST' },
    )
    for (const guess of guesses) {
      const { Authorization: _a, ...headers } = guess.headers
      const res = await rawRequest(host.origin, '/session/launch', { ...guess, headers })
      expectRefused(`launch ${guess.method} ${guess.body.slice(0, 80)}`, res)
      expect(res.body).not.toContain(host.token)
    }
    // None of that used the real code up.
    const { Authorization: _a, ...headers } = good()
    const res = await rawRequest(host.origin, '/session/launch', {
      method: 'POST',
      headers,
      body: real,
    })
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { token: host.token } })
  })

  it('still answers a proper call after all of that', async () => {
    const res = await rawRequest(host.origin, '/api/listArticles', {
      method: 'POST',
      headers: good(),
      body: '{}',
    })
    expect(JSON.parse(res.body)).toMatchObject({
      ok: true,
      value: [{ headline: 'Existing story' }],
    })
  })
})
