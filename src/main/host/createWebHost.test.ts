import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { rawRequest } from '../testing/rawRequest'
import { tempDir } from '../testing/tempDir'
import { createWebHost, type WebHost } from './createWebHost'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation
let host: WebHost

beforeEach(async () => {
  dir = await tempDir()
  const rendererDir = join(dir.path, 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Copydesk</title>')
  await writeFile(join(dir.path, 'secret.txt'), 'not for the browser')
  ws = await openWorkstation({ dataDir: join(dir.path, 'data'), host: 'web', version: 'test' })
  host = await createWebHost({ dispatch: ws.dispatch, rendererDir })
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
