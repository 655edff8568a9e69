import { randomBytes } from 'node:crypto'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { loadSecretKey, SECRET_KEY_FILE, SecretBox } from './SecretBox'

describe('SecretBox: the CMS secrets sealed under a key kept outside the database', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })
  const folder = async () => {
    const dir = await tempDir('copydesk-key-')
    cleanups.push(dir.cleanup)
    return dir.path
  }

  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const box = SecretBox.fromKey(randomBytes(32))
    const sealed = box.seal('abcd efgh ijkl mnop', 'wordpress https://news.example')
    expect(sealed).not.toContain('abcd')
    expect(box.open(sealed, 'wordpress https://news.example')).toBe('abcd efgh ijkl mnop')
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'))
  })

  it('refuses to open with another key, for another target or origin, or when tampered with', () => {
    const box = SecretBox.fromKey(randomBytes(32))
    const sealed = box.seal('token', 'webhook https://a.example')
    expect(() =>
      SecretBox.fromKey(randomBytes(32)).open(sealed, 'webhook https://a.example'),
    ).toThrow("does not open with this server's key")
    expect(() => box.open(sealed, 'webhook https://b.example')).toThrow()
    expect(() => box.open(`${sealed.slice(0, -2)}AA`, 'webhook https://a.example')).toThrow()
    expect(() => box.open('plain text', 'webhook https://a.example')).toThrow('not in a form')
  })

  it('makes the key file once, readable by its owner only, and reads it back', async () => {
    const dir = await folder()
    const key = await loadSecretKey({ dataDir: dir, env: {} })
    expect((await stat(join(dir, SECRET_KEY_FILE))).mode & 0o777).toBe(0o600)
    expect(await loadSecretKey({ dataDir: dir, env: {} })).toEqual(key)
    expect((await readFile(join(dir, SECRET_KEY_FILE), 'utf8')).trim()).toBe(key.toString('base64'))
  })

  it('takes COPYDESK_SECRET_KEY (base64 or hex) before the file, and refuses a key of the wrong size', async () => {
    const dir = await folder()
    const key = randomBytes(32)
    const env = (value: string) => ({ COPYDESK_SECRET_KEY: value })
    expect(await loadSecretKey({ dataDir: dir, env: env(key.toString('base64')) })).toEqual(key)
    expect(await loadSecretKey({ dataDir: dir, env: env(key.toString('hex')) })).toEqual(key)
    await expect(loadSecretKey({ dataDir: dir, env: env('c2hvcnQ=') })).rejects.toThrow(
      'COPYDESK_SECRET_KEY does not hold a 32-byte key',
    )
    await writeFile(join(dir, SECRET_KEY_FILE), 'short\n')
    await expect(loadSecretKey({ dataDir: dir, env: {} })).rejects.toThrow(
      'does not hold a 32-byte key',
    )
  })
})
