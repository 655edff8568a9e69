import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy'
import { serveRendererFile } from './serveRendererFile'

let dir: Awaited<ReturnType<typeof tempDir>>
let root: string

beforeEach(async () => {
  dir = await tempDir()
  root = join(dir.path, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Copydesk</title>')
  await writeFile(join(root, 'assets', 'index-3f2a.js'), 'export const ok = 1')
  await writeFile(join(root, 'assets', 'index-3f2a.css'), 'body{}')
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>')
  await writeFile(join(root, 'assets', 'font.woff2'), 'wOF2')
  await writeFile(join(dir.path, 'secret.txt'), 'not for the page')
  await mkdir(join(dir.path, 'renderer-evil'))
  await writeFile(join(dir.path, 'renderer-evil', 'x.js'), 'not for the page')
})
afterEach(async () => {
  await dir.cleanup()
})

const text = (body: Buffer | string) => body.toString()

describe('serveRendererFile (the page for app://copydesk/ and the browser host)', () => {
  it('serves the page at / and its assets with their content types, the CSP on each', async () => {
    for (const name of [
      'assets/search.wasm',
      'assets/photo.jpeg',
      'assets/spinner.gif',
      'assets/photo.avif',
      'assets/serif.ttf',
      'assets/serif.otf',
      'manifest.webmanifest',
    ])
      await writeFile(join(root, name), 'bytes')
    const page = await serveRendererFile(root, 'GET', '/')
    expect(page.status).toBe(200)
    expect(text(page.body)).toContain('<title>Copydesk</title>')
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8')
    expect(page.headers['Cache-Control']).toBe('no-store')
    for (const [path, type] of [
      ['/index.html', 'text/html; charset=utf-8'],
      ['/assets/index-3f2a.js', 'text/javascript; charset=utf-8'],
      ['/assets/index-3f2a.css', 'text/css; charset=utf-8'],
      ['/assets/logo.svg', 'image/svg+xml'],
      ['/assets/font.woff2', 'font/woff2'],
      ['/assets/search.wasm', 'application/wasm'],
      ['/assets/photo.jpeg', 'image/jpeg'],
      ['/assets/spinner.gif', 'image/gif'],
      ['/assets/photo.avif', 'image/avif'],
      ['/assets/serif.ttf', 'font/ttf'],
      ['/assets/serif.otf', 'font/otf'],
      ['/manifest.webmanifest', 'application/manifest+json'],
    ] as const) {
      const res = await serveRendererFile(root, 'GET', path)
      expect(res.status, path).toBe(200)
      expect(res.headers['Content-Type'], path).toBe(type)
      expect(res.headers['Content-Security-Policy'], path).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers['X-Content-Type-Options'], path).toBe('nosniff')
    }
  })

  it('answers HEAD with the headers and no body, and refuses every other method', async () => {
    const head = await serveRendererFile(root, 'HEAD', '/assets/index-3f2a.js')
    expect(head.status).toBe(200)
    expect(head.headers['Content-Length']).toBe('19')
    expect(head.body).toBe('')
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'get', '']) {
      const res = await serveRendererFile(root, method, '/index.html')
      expect(res.status, method).toBe(405)
      expect(res.headers['Allow']).toBe('GET, HEAD')
      expect(text(res.body)).not.toContain('Copydesk</title>')
    }
  })

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/assets\\..\\..\\secret.txt',
    '/%252e%252e/secret.txt',
    '/../renderer-evil/x.js',
    '//etc/passwd',
    '/%2Ftmp%2Fsecret.txt',
    '/%2fetc%2fpasswd',
    '/C:%5cWindows%5cwin.ini',
    '/c:/Windows/win.ini',
    '/index.html%00.js',
    '/index.html\u0000',
    '/./index.html',
    'index.html',
    '',
    '/assets/',
    '/assets',
  ])('refuses %s without reading outside the folder', async (path) => {
    const res = await serveRendererFile(root, 'GET', path)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(text(res.body)).not.toContain('not for the page')
    expect(res.status).toBe(404)
    expect(JSON.parse(text(res.body))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(res.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
  })

  it.each([
    '/CON',
    '/con.js',
    '/assets/NUL.css',
    '/Aux.tar.gz',
    '/PRN%20.txt',
    '/COM1.js',
    '/lpt9',
    '/COM%C2%B9.js',
    '/trail.',
    '/trail%20',
    '/assets/index-3f2a.js.',
  ])(
    'refuses %s, a Windows device name or a trailing dot or space, before the disk',
    async (path) => {
      // Each name exists here as a real file: only the name check can be what refuses it.
      const name = decodeURIComponent(path.slice(1))
      if (!name.startsWith('assets/index')) await writeFile(join(root, name), 'not for the page')
      const res = await serveRendererFile(root, 'GET', path)
      expect(res.status).toBe(404)
      expect(text(res.body)).not.toContain('not for the page')
    },
  )

  it('labels each refusal by what it is: not found, malformed, method not allowed', async () => {
    const code = async (method: string, path: string) => {
      const res = await serveRendererFile(root, method, path)
      return [res.status, JSON.parse(text(res.body)).error.code]
    }
    expect(await code('GET', '/nothing.js')).toEqual([404, 'NOT_FOUND'])
    expect(await code('GET', '/%E0%A4%A')).toEqual([400, 'INVALID_INPUT'])
    expect(await code('POST', '/index.html')).toEqual([405, 'REFUSED'])
  })

  it('answers HEAD without a body when it refuses too', async () => {
    const res = await serveRendererFile(root, 'HEAD', '/nothing.js')
    expect(res.status).toBe(404)
    expect(res.body).toBe('')
    expect(res.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
  })

  it('refuses an absolute path given whole, whatever the folder', async () => {
    const res = await serveRendererFile(root, 'GET', join(dir.path, 'secret.txt'))
    expect(text(res.body)).not.toContain('not for the page')
    expect(res.status).toBe(404)
  })

  it('answers a broken %-escape as a malformed address, not a failure', async () => {
    const res = await serveRendererFile(root, 'GET', '/%E0%A4%A')
    expect(res.status).toBe(400)
    expect(JSON.parse(text(res.body))).toMatchObject({ error: { message: 'Malformed address.' } })
  })

  it('refuses a file reached through a symlink that points outside the folder', async () => {
    await symlink(join(dir.path, 'secret.txt'), join(root, 'assets', 'leak.js'))
    await symlink(dir.path, join(root, 'up'))
    for (const path of ['/assets/leak.js', '/up/secret.txt']) {
      const res = await serveRendererFile(root, 'GET', path)
      expect(res.status, path).toBe(404)
      expect(text(res.body), path).not.toContain('not for the page')
    }
  })

  it('follows a symlink that stays inside the folder, and a root that is itself a symlink', async () => {
    await symlink(join(root, 'assets', 'logo.svg'), join(root, 'logo-link.svg'))
    expect((await serveRendererFile(root, 'GET', '/logo-link.svg')).status).toBe(200)
    const linkedRoot = join(dir.path, 'current')
    await symlink(root, linkedRoot)
    expect(text((await serveRendererFile(linkedRoot, 'GET', '/')).body)).toContain('Copydesk')
  })

  it('answers a missing file 404, and a folder that sits where a file is asked for 404', async () => {
    expect((await serveRendererFile(root, 'GET', '/nothing.js')).status).toBe(404)
    expect((await serveRendererFile(root, 'GET', '/assets')).status).toBe(404)
    expect((await serveRendererFile(join(dir.path, 'gone'), 'GET', '/')).status).toBe(404)
  })

  it('reads a percent-encoded name as the file of that name', async () => {
    await writeFile(join(root, 'assets', 'a b.txt'), 'spaced')
    const res = await serveRendererFile(root, 'GET', '/assets/a%20b.txt')
    expect(res.status).toBe(200)
    expect(text(res.body)).toBe('spaced')
    expect(res.headers['Content-Type']).toBe('text/plain; charset=utf-8')
  })
})
