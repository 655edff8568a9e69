import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { systemClock } from '../../shared/domain/Clock'
import { tempDir } from '../../../tests/support/tempDir'
import { Quarantine } from './Quarantine'
import { SecretStore } from './SecretStore'

/** Every file opened for writing and every chmod, as the store asked the file system for them. */
const calls = vi.hoisted(() => ({ opens: [] as [string, number][], chmods: [] as string[] }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...real,
    open: (path: string, flags?: string, mode?: number) => {
      if (flags === 'w' || flags === 'wx') calls.opens.push([String(path), mode ?? 0o666])
      return real.open(path, flags, mode)
    },
    chmod: (path: string, mode: number) => {
      calls.chmods.push(String(path))
      return real.chmod(path, mode)
    },
  }
})

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

// Bug: secrets.json was written with the store's usual mode and chmod-ed to 0600 after the rename,
// so its mode depended on a second step; it must be created 0600 from its first byte.
describe('secrets.json', () => {
  it('is created readable by its owner only from the first byte, with no chmod after', async () => {
    const quarantine = await Quarantine.open(dir.path, systemClock)
    const secrets = await SecretStore.open(dir.path, null, quarantine)
    calls.opens.length = 0
    await secrets.set('webhookToken', 'tok-1', 'https://hooks.example')
    const created = calls.opens.filter(([path]) => path.includes('secrets.json'))
    expect(created.length).toBeGreaterThan(0)
    expect(created.map(([, mode]) => mode)).toEqual(created.map(() => 0o600))
    expect(calls.chmods).toEqual([])
    expect((await stat(join(dir.path, 'secrets.json'))).mode & 0o777).toBe(0o600)
  })
})
