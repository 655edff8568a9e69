import { randomUUID } from 'node:crypto'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Article } from '../../shared/domain/Article'
import type { RevisionMeta } from '../../shared/domain/History'
import { newArticle } from '../../shared/domain/newArticle'
import { tempDir } from '../../../tests/support/tempDir'
import { HistoryRepository } from './HistoryRepository'
import { Quarantine } from './Quarantine'
import { systemClock } from '../../shared/domain/Clock'

let dir: { path: string; cleanup: () => Promise<void> }
let history: HistoryRepository
let quarantine: Quarantine

beforeEach(async () => {
  dir = await tempDir()
  quarantine = await Quarantine.open(dir.path, systemClock)
  history = new HistoryRepository(dir.path, quarantine)
})
afterEach(() => dir.cleanup())

const id = randomUUID()
const version = (revision: number, headline: string): Article => ({
  ...newArticle({ id, author: 'Asha', now: '2026-01-23T10:00:00.000Z', fields: { headline } }),
  revision,
  updatedAt: `2026-01-23T10:0${revision}:00.000Z`,
})
const meta = (articleRevision: number): Omit<RevisionMeta, 'seq'> => ({
  at: `2026-01-23T10:0${articleRevision}:00.000Z`,
  by: 'Asha',
  status: 'draft',
  reason: 'saved-version',
  articleRevision,
})
const snapshotText = (seq: number) => readFile(join(dir.path, 'history', id, `${seq}.json`), 'utf8')

async function threeVersions(): Promise<string[]> {
  for (const revision of [1, 2, 3])
    await history.snapshot(id, meta(revision), version(revision, `version ${revision}`))
  return Promise.all([1, 2, 3].map(snapshotText))
}

describe('HistoryRepository', () => {
  // Issue 11, 3.2: a damaged history file was reset, and the next snapshot, numbered 1 again,
  // overwrote the snapshot file that held the first version's text.
  it('lists the revisions again from their files when the history file is damaged, and overwrites none', async () => {
    const before = await threeVersions()
    await writeFile(join(dir.path, 'history', `${id}.json`), '{"audit": [')

    const read = await history.read(id)
    expect(read.revisions.map((r) => [r.seq, r.articleRevision, r.reason])).toEqual([
      [1, 1, 'recovered'],
      [2, 2, 'recovered'],
      [3, 3, 'recovered'],
    ])
    expect(read.audit.map((a) => a.action)).toEqual(['history-reset'])
    expect(quarantine.list()[0]).toMatchObject({
      file: join('history', `${id}.json`),
      kind: 'set-aside',
    })

    const next = await history.snapshot(id, meta(4), version(4, 'version 4'))
    expect(next.seq).toBe(4)
    expect(await Promise.all([1, 2, 3].map(snapshotText))).toEqual(before)
    expect((await history.readSnapshot(id, 1)).headline).toBe('version 1')
    expect((await history.read(id)).revisions.map((r) => r.seq)).toEqual([1, 2, 3, 4])
  })

  it('lists a snapshot the history file never named (a crash between the two writes)', async () => {
    await threeVersions()
    const listed = JSON.parse(await readFile(join(dir.path, 'history', `${id}.json`), 'utf8'))
    listed.revisions = listed.revisions.slice(0, 1)
    await writeFile(join(dir.path, 'history', `${id}.json`), JSON.stringify(listed))

    expect((await history.read(id)).revisions.map((r) => [r.seq, r.reason])).toEqual([
      [1, 'saved-version'],
      [2, 'recovered'],
      [3, 'recovered'],
    ])
    expect((await history.snapshot(id, meta(4), version(4, 'v4'))).seq).toBe(4)
    expect(quarantine.list()).toEqual([])
  })

  it('never gives a new snapshot the number of a file it cannot read', async () => {
    const before = await threeVersions()
    await writeFile(join(dir.path, 'history', id, '3.json'), 'damaged by a disk')
    await rm(join(dir.path, 'history', `${id}.json`))
    expect((await history.read(id)).revisions.map((r) => r.seq)).toEqual([1, 2])
    expect((await history.snapshot(id, meta(4), version(4, 'v4'))).seq).toBe(4)
    expect(await snapshotText(3)).toBe('damaged by a disk')
    expect(await Promise.all([1, 2].map(snapshotText))).toEqual(before.slice(0, 2))
    expect((await readdir(join(dir.path, 'history', id))).sort()).toEqual([
      '1.json',
      '2.json',
      '3.json',
      '4.json',
    ])
  })

  // Red team H1: read() listed a snapshot that was linked but not yet listed as 'recovered', and
  // wrote its older copy of the history file after the changes made since.
  it('makes a read wait for a snapshot under way, so it never writes a stale list over it', async () => {
    const writing = history.snapshot(id, meta(1), version(1, 'v1'))
    const read = history.read(id)
    const audited = writing.then(() =>
      history.appendAudit(id, { at: meta(1).at, by: 'Asha', action: 'save-version' }),
    )
    expect((await read).revisions.map((r) => [r.seq, r.reason])).toEqual([[1, 'saved-version']])
    await audited
    const file = JSON.parse(await readFile(join(dir.path, 'history', `${id}.json`), 'utf8'))
    expect(file.revisions.map((r: RevisionMeta) => r.reason)).toEqual(['saved-version'])
    expect(file.audit.map((a: { action: string }) => a.action)).toEqual(['save-version'])
  })

  // Red team L5: a history file our own reader failed on was moved to quarantine as if damaged.
  it('leaves a history file our reader fails on where it is, and never writes over it', async () => {
    await threeVersions()
    const path = join(dir.path, 'history', `${id}.json`)
    const before = await readFile(path, 'utf8')
    // Our own reader failing on this one file, as a stack overflow once did.
    const parse = JSON.parse
    vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver) => {
      if (text === before) throw new RangeError('Maximum call stack size exceeded')
      return parse(text, reviver)
    })
    await expect(history.read(id)).rejects.toThrow(/left where it is/)
    await expect(
      history.appendAudit(id, { at: meta(1).at, by: 'Asha', action: 'note' }),
    ).rejects.toThrow(/left where it is/)
    vi.restoreAllMocks()
    expect(await readFile(path, 'utf8')).toBe(before)
    expect(quarantine.list()).toEqual([
      expect.objectContaining({ kind: 'left-in-place', file: join('history', `${id}.json`) }),
    ])
  })

  // Red team L6: the 'recovered' reason made history files "corrupt" to the Copydesk before it.
  it('reads a revision reason it does not know as written, not as damage', async () => {
    await threeVersions()
    const path = join(dir.path, 'history', `${id}.json`)
    const file = JSON.parse(await readFile(path, 'utf8'))
    file.revisions[1].reason = 'merged-from-wire'
    await writeFile(path, JSON.stringify(file))
    const read = await history.read(id)
    expect(read.revisions.map((r) => r.reason)).toEqual([
      'saved-version',
      'merged-from-wire',
      'saved-version',
    ])
    await history.appendAudit(id, { at: meta(1).at, by: 'Asha', action: 'note' })
    expect(JSON.parse(await readFile(path, 'utf8')).revisions[1].reason).toBe('merged-from-wire')
    expect(quarantine.list()).toEqual([])
  })
})
