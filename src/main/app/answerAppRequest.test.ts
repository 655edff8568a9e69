import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { CONTENT_SECURITY_POLICY } from '../host/contentSecurityPolicy'
import { answerAppRequest } from './answerAppRequest'

let dir: Awaited<ReturnType<typeof tempDir>>
let root: string

beforeEach(async () => {
  dir = await tempDir()
  root = join(dir.path, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Copydesk</title>')
  await writeFile(join(root, 'assets', 'index.js'), 'export {}')
  await writeFile(join(dir.path, 'secret.txt'), 'not for the page')
})
afterEach(async () => {
  await dir.cleanup()
})

const get = (url: string, method = 'GET') => answerAppRequest(root, new Request(url, { method }))

describe('answerAppRequest (the app:// protocol handler, without Electron)', () => {
  it('serves the page and its scripts with their types and the CSP as a header', async () => {
    const page = await get('app://copydesk/index.html')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>Copydesk</title>')
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    const script = await get('app://copydesk/assets/index.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('export {}')
    expect((await get('app://copydesk/')).status).toBe(200)
  })

  it('answers HEAD without a body and refuses POST', async () => {
    const head = await get('app://copydesk/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect((await get('app://copydesk/index.html', 'POST')).status).toBe(405)
  })

  it.each([
    'app://copydesk/..%2fsecret.txt',
    'app://copydesk/%2e%2e/secret.txt',
    'app://copydesk/..%5csecret.txt',
    'app://copydesk/assets/..%2f..%2fsecret.txt',
    'app://copydesk/%00',
    'app://other/index.html',
  ])('refuses %s', async (url) => {
    const res = await get(url)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(await res.text()).not.toContain('not for the page')
  })
})
