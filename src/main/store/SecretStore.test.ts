import { execFileSync } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { Quarantine } from './Quarantine'
import { SecretStore, type SecretCipher } from './SecretStore'
import { systemClock } from '../../shared/domain/Clock'

let dir: { path: string; cleanup: () => Promise<void> }
let quarantine: Quarantine
beforeEach(async () => {
  dir = await tempDir()
  quarantine = await Quarantine.open(dir.path, systemClock)
})
afterEach(() => dir.cleanup())

describe('SecretStore', () => {
  // Red team M1: every error reading secrets.json was swallowed, and the secrets silently gone.
  it('sets a damaged secrets file aside and says so, instead of forgetting it silently', async () => {
    await writeFile(join(dir.path, 'secrets.json'), '{"protection": "file-perm')
    const secrets = await SecretStore.open(dir.path, null, quarantine)
    expect(secrets.has('webhookToken', 'https://hooks.example')).toBe(false)
    expect(quarantine.list()).toEqual([
      expect.objectContaining({
        file: 'secrets.json',
        kind: 'set-aside',
        reason: expect.stringMatching(/not valid JSON/),
      }),
    ])
    expect(
      (await readdir(join(dir.path, 'quarantine'))).some((n) => n.endsWith('secrets.json')),
    ).toBe(true)
  })

  it('never blocks on a named pipe in place of secrets.json', async () => {
    execFileSync('mkfifo', [join(dir.path, 'secrets.json')])
    await SecretStore.open(dir.path, null, quarantine)
    expect(quarantine.list()).toEqual([
      expect.objectContaining({
        file: 'secrets.json',
        reason: expect.stringMatching(/named pipe/),
      }),
    ])
  })
})

/** A keychain like Electron's safeStorage: it opens only what it sealed itself, else it throws. */
function keychain(key: string): SecretCipher {
  return {
    kind: 'os-keychain',
    encrypt: (plain) => Buffer.from(`${key}:${plain}`).toString('base64'),
    decrypt: (sealed) => {
      const text = Buffer.from(sealed, 'base64').toString()
      if (!text.startsWith(`${key}:`))
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        )
      return text.slice(key.length + 1)
    },
  }
}

describe('SecretStore sealed by another keychain', () => {
  // Bug: a secrets file sealed by another computer's (or a reset) keychain was read as sound; every
  // push then failed on decrypting it, and typing the token again failed the same way.
  it('is set aside and listed like any damaged file, and a new token can be saved', async () => {
    const origin = 'https://hooks.example'
    const other = await SecretStore.open(dir.path, keychain('other-computer'), quarantine)
    await other.set('webhookToken', 'tok-1', origin)
    const secrets = await SecretStore.open(dir.path, keychain('this-computer'), quarantine)
    expect(quarantine.list()).toEqual([
      expect.objectContaining({
        file: 'secrets.json',
        kind: 'set-aside',
        reason: expect.stringMatching(/values\.webhookToken: sealed with a key/),
      }),
    ])
    expect(secrets.has('webhookToken', origin)).toBe(false)
    await secrets.set('webhookToken', 'tok-2', origin)
    const reopened = await SecretStore.open(dir.path, keychain('this-computer'), quarantine)
    expect(reopened.get('webhookToken', origin)).toBe('tok-2')
  })
})

describe('SecretStore with a joined desk', () => {
  it('keeps the desk token sealed by the keychain, bound to the desk, beside the CMS secrets', async () => {
    const desk = 'https://desk.example.org'
    const secrets = await SecretStore.open(dir.path, keychain('this-computer'), quarantine)
    await secrets.set('deskToken', 'desk-token-1', desk)
    await secrets.set('webhookToken', 'hook-1', 'https://hooks.example')
    // A CMS URL moved elsewhere clears its own secret, never the desk's.
    await secrets.set('webhookToken', null, null)
    await secrets.bindUnbound({ webhookToken: null, wordpressPassword: null })
    const text = await readFile(join(dir.path, 'secrets.json'), 'utf8')
    expect(text).not.toContain('desk-token-1')
    const reopened = await SecretStore.open(dir.path, keychain('this-computer'), quarantine)
    expect(reopened.get('deskToken', desk)).toBe('desk-token-1')
    expect(reopened.get('deskToken', 'https://other.example.org')).toBeNull()
    expect(reopened.has('webhookToken', 'https://hooks.example')).toBe(false)
  })
})
