import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { rawRequest } from '../../../tests/support/rawRequest'
import { tempDir } from '../../../tests/support/tempDir'
import { createWebHost, type WebHost } from './createWebHost'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation
let host: WebHost
let clock = Date.parse('2026-11-30T09:00:00Z')

beforeEach(async () => {
  dir = await tempDir()
  const rendererDir = join(dir.path, 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Copydesk</title>')
  await writeFile(join(dir.path, 'secret.txt'), 'not for the browser')
  ws = await openWorkstation({ dataDir: join(dir.path, 'data'), host: 'web', version: 'test' })
  host = await createWebHost({
    dispatch: ws.dispatch,
    rendererDir,
    clock: { now: () => new Date(clock) },
  })
})
afterEach(async () => {
  await host.close()
  await ws.close()
  await dir.cleanup()
})

const call = (path: string, options: Parameters<typeof rawRequest>[2] = {}) =>
  rawRequest(host.origin, path, options)

const good = () => ({
  Origin: host.origin,
  Authorization: `Bearer ${host.token}`,
  'Content-Type': 'application/json',
})

describe('the browser host', () => {
  it('serves the renderer with a strict CSP', async () => {
    const res = await call('/')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Copydesk</title>')
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'")
  })

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await call(path)
      expect(res.body).not.toContain('not for the browser')
    }
  })

  it('carries the IPC contract with the token from our own origin', async () => {
    const res = await call('/api/createArticle', {
      method: 'POST',
      headers: good(),
      body: JSON.stringify({ fields: { headline: 'Via HTTP' } }),
    })
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { headline: 'Via HTTP' } })
  })

  it.each([
    ['no token', { Authorization: '' }],
    ['a wrong token', { Authorization: 'Bearer nope' }],
    ['another origin', { Origin: 'http://evil.example' }],
    ['no origin', { Origin: '' }],
    ['a DNS-rebinding Host', { Host: 'evil.example:80' }],
    ['a form post content type', { 'Content-Type': 'text/plain' }],
  ])('refuses a call with %s and changes nothing on disk', async (_name, override) => {
    const headers = Object.fromEntries(
      Object.entries({ ...good(), ...override }).filter(([, v]) => v !== ''),
    )
    const res = await call('/api/createArticle', {
      method: 'POST',
      headers,
      body: JSON.stringify({ fields: { headline: 'x' } }),
    })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await readdir(join(dir.path, 'data', 'articles'))).toEqual([])
  })

  // Regression (L2): the run id header was set before the Host check, so a DNS-rebinding page
  // learned it from the 421 answer.
  it('tells a wrong Host nothing about the run, on any path', async () => {
    for (const path of ['/', '/session/check', '/api/listArticles']) {
      const res = await call(path, {
        method: path === '/' ? 'GET' : 'POST',
        headers: { ...good(), Host: 'evil.example:80' },
        body: path === '/' ? undefined : '{}',
      })
      expect(res.status).toBe(421)
      expect(res.headers['x-copydesk-run']).toBeUndefined()
    }
    const ours = await call('/', { method: 'GET', headers: { Host: new URL(host.origin).host } })
    expect(ours.headers['x-copydesk-run']).toBe(host.runId)
  })

  it('answers malformed JSON and invalid payloads with a named error', async () => {
    const broken = await call('/api/createArticle', {
      method: 'POST',
      headers: good(),
      body: '{"fields":',
    })
    expect(JSON.parse(broken.body)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: /not valid JSON/ },
    })
    const invalid = await call('/api/getArticle', {
      method: 'POST',
      headers: good(),
      body: '{"id":42}',
    })
    expect(JSON.parse(invalid.body)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: /id/ },
    })
  })
})

describe('the browser host and picture files', () => {
  it('takes a picture call as large as the desk allows a picture, and no other call that large', async () => {
    // 15.8 MB of bytes are 21 MB of base64: over the 20 MB any other call may send.
    const data = Buffer.alloc(15_800_000, 7).toString('base64')
    const picture = await call('/api/importPicture', {
      method: 'POST',
      headers: good(),
      body: JSON.stringify({ name: 'scan.jpg', data }),
    })
    expect(JSON.parse(picture.body)).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: /^“scan\.jpg” is a file of a kind Copydesk does not know/,
      },
    })
    const other = await call('/api/createArticle', {
      method: 'POST',
      headers: good(),
      body: JSON.stringify({ fields: { headline: data } }),
    })
    expect(JSON.parse(other.body)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Request too large (over 20 MB).' },
    })
  }, 30_000)
})

describe('getting a tab in: launch codes and the run', () => {
  const launch = (code: string, origin = host.origin) =>
    call('/session/launch', {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    })
  const check = (token: string) =>
    call('/session/check', {
      method: 'POST',
      headers: {
        Origin: host.origin,
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: '{}',
    })

  it('exchanges a launch code once for the session token; the launch address carries no token', async () => {
    const issued = host.launch()
    expect(issued.url).toBe(`${host.origin}/#code=${issued.code}`)
    expect(issued.url).not.toContain(host.token)
    const first = await launch(issued.code)
    expect(first.status).toBe(200)
    expect(JSON.parse(first.body)).toEqual({
      ok: true,
      value: { token: host.token, runId: host.runId },
    })
  })

  it('refuses a used code with a page that says so, and tells the host it was used', async () => {
    let used = 0
    const issued = host.launch(60_000, () => (used += 1))
    await launch(issued.code)
    const second = await launch(issued.code)
    expect(second.status).toBe(410)
    expect(second.body).not.toContain(host.token)
    expect(JSON.parse(second.body)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/^This link was already used: /) },
    })
    expect(used).toBe(1)
  })

  it('refuses an expired code, an unknown one, and a code sent from another origin', async () => {
    const stale = host.launch(60_000)
    clock += 60_001
    expect(JSON.parse((await launch(stale.code)).body)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^This link has expired: /) },
    })
    const guessed = await launch('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    expect(guessed.status).toBe(403)
    expect(guessed.body).not.toContain(host.token)
    const live = host.launch()
    const hostile = await launch(live.code, 'http://evil.example')
    expect(hostile.status).toBe(403)
    expect(hostile.body).not.toContain(host.token)
    // The hostile page's try did not use the code up.
    expect(JSON.parse((await launch(live.code)).body)).toMatchObject({ ok: true })
  })

  it('names its run on every answer, so a tab holding an earlier run’s token can tell', async () => {
    expect((await check(host.token)).headers['x-copydesk-run']).toBe(host.runId)
    expect(JSON.parse((await check(host.token)).body)).toEqual({
      ok: true,
      value: { runId: host.runId },
    })
    const refused = await check('an-earlier-runs-token')
    expect(refused.status).toBe(403)
    expect(refused.headers['x-copydesk-run']).toBe(host.runId)
    expect((await call('/')).headers['x-copydesk-run']).toBe(host.runId)
    const other = await createWebHost({ dispatch: ws.dispatch, rendererDir: dir.path })
    expect(other.runId).not.toBe(host.runId)
    expect(other.token).not.toBe(host.token)
    await other.close()
  })
})
