import { execFileSync } from 'node:child_process'
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { Quarantine } from './Quarantine'
import { SecretStore } from './SecretStore'
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
