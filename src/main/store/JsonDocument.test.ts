import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { systemClock } from '../../shared/domain/Clock'
import { tempDir } from '../../../tests/support/tempDir'
import { JsonDocument } from './JsonDocument'
import { Quarantine } from './Quarantine'

const Counter = z.object({ count: z.number() })
type Counter = z.infer<typeof Counter>

let dir: { path: string; cleanup: () => Promise<void> }
let quarantine: Quarantine
beforeEach(async () => {
  dir = await tempDir()
  quarantine = await Quarantine.open(dir.path, systemClock)
})
afterEach(() => dir.cleanup())

const open = (extra: { mode?: number } = {}) =>
  JsonDocument.open<Counter>({
    path: join(dir.path, 'counter.json'),
    what: 'counter file',
    parse: (d) => Counter.parse(d),
    defaults: () => ({ count: 0 }),
    quarantine,
    ...extra,
  })

describe('JsonDocument', () => {
  it('starts from the defaults, saves durably and reads back what it saved', async () => {
    const doc = await open()
    expect(doc.data).toEqual({ count: 0 })
    await doc.save({ count: 3 })
    expect(JSON.parse(await readFile(join(dir.path, 'counter.json'), 'utf8'))).toEqual({
      count: 3,
    })
    expect((await open()).data).toEqual({ count: 3 })
  })

  it('sets a damaged file aside, lists it, and goes on from the defaults', async () => {
    await writeFile(join(dir.path, 'counter.json'), '{"count": "three"}')
    expect((await open()).data).toEqual({ count: 0 })
    expect(quarantine.list()).toEqual([
      expect.objectContaining({
        file: 'counter.json',
        kind: 'set-aside',
        reason: expect.stringMatching(/not a valid counter file: count/),
      }),
    ])
    const kept = await readdir(join(dir.path, 'quarantine'))
    expect(kept.some((name) => name.endsWith('counter.json'))).toBe(true)
  })

  it('creates its file owner-only by default, and with the mode it is given', async () => {
    await (await open()).save({ count: 1 })
    expect((await stat(join(dir.path, 'counter.json'))).mode & 0o777).toBe(0o600)
    // Read only (Node cannot set it in a worker); Node documents the no-argument form as deprecated.
    const umask = process.umask()
    await (await open({ mode: 0o640 })).save({ count: 2 })
    expect((await stat(join(dir.path, 'counter.json'))).mode & 0o777).toBe(0o640 & ~umask)
  })
})

describe('JsonDocument, when a write fails', () => {
  // Bug: the outbox took an item as "sending" in memory although the write saying so had failed,
  // so the item was never tried again until a restart.
  it('keeps the document as the file has it', async () => {
    const doc = await open()
    await doc.save({ count: 1 })
    await rm(join(dir.path, 'counter.json'))
    await mkdir(join(dir.path, 'counter.json', 'stray'), { recursive: true })
    await expect(doc.save({ count: 2 })).rejects.toMatchObject({ code: 'EISDIR' })
    expect(doc.data).toEqual({ count: 1 })
  })
})
