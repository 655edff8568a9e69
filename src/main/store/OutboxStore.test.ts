import { randomUUID } from 'node:crypto'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/support/tempDir'
import { OutboxStore } from './OutboxStore'
import { Quarantine } from './Quarantine'
import { systemClock } from '../../shared/domain/Clock'

let dir: { path: string; cleanup: () => Promise<void> }
let quarantine: Quarantine
beforeEach(async () => {
  dir = await tempDir()
  quarantine = await Quarantine.open(dir.path, systemClock)
})
afterEach(() => dir.cleanup())

const open = () => OutboxStore.open(dir.path, quarantine)
const deskFile = async () => JSON.parse(await readFile(join(dir.path, 'desk.json'), 'utf8'))
const outboxOf = (deskId: string) =>
  JSON.stringify({ items: [], remoteIds: { 'wordpress https://news.example a': '12' }, deskId })

describe("the desk's id", () => {
  it('is made once and kept in desk.json, the same at every start', async () => {
    const first = (await open()).deskId
    expect(await deskFile()).toEqual({ deskId: first })
    expect((await open()).deskId).toBe(first)
  })

  it('is taken over from the outbox.json of a Copydesk from before desk.json', async () => {
    const deskId = randomUUID()
    await writeFile(join(dir.path, 'outbox.json'), outboxOf(deskId))
    expect((await open()).deskId).toBe(deskId)
    expect(await deskFile()).toEqual({ deskId })
  })

  // Red team M1: a damaged outbox.json was set aside and a new desk id made: every post this desk
  // had made (its owner mark names the id) was no longer provably its own, and pushes duplicated them.
  it('survives a damaged outbox.json, read from desk.json or from the damaged copy', async () => {
    const deskId = randomUUID()
    const damaged = outboxOf(deskId).replace('"items":[]', '"items":[{"id":')
    await writeFile(join(dir.path, 'outbox.json'), damaged)
    expect((await open()).deskId).toBe(deskId)
    expect(await deskFile()).toEqual({ deskId })
    expect(quarantine.list()).toEqual([
      expect.objectContaining({ file: 'outbox.json', kind: 'set-aside' }),
    ])

    await writeFile(join(dir.path, 'outbox.json'), '{"items": [')
    expect((await open()).deskId).toBe(deskId)
  })

  it('sets aside a damaged desk.json and takes the id outbox.json still has', async () => {
    const deskId = randomUUID()
    await writeFile(join(dir.path, 'outbox.json'), outboxOf(deskId))
    await writeFile(join(dir.path, 'desk.json'), '{"desk')
    expect((await open()).deskId).toBe(deskId)
    expect(await deskFile()).toEqual({ deskId })
    expect((await readdir(join(dir.path, 'quarantine'))).some((n) => n.endsWith('desk.json'))).toBe(
      true,
    )
  })

  it('is never written again once desk.json exists', async () => {
    const store = await open()
    const before = await readFile(join(dir.path, 'desk.json'), 'utf8')
    await rm(join(dir.path, 'outbox.json'), { force: true })
    await store.put({
      id: randomUUID(),
      articleId: randomUUID(),
      headline: 'Budget passed',
      scheduledFor: null,
      target: 'webhook',
      site: 'https://hooks.example/in',
      revision: 3,
      contentKey: 'k',
      by: 'Vikram Desk',
      state: 'queued',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      remoteId: null,
      createdAt: '2026-01-23T10:00:00.000Z',
      sentAt: null,
      remoteStatus: null,
      remoteSlug: null,
      remoteLink: null,
      checkedAt: null,
      notices: [],
    })
    expect(await readFile(join(dir.path, 'desk.json'), 'utf8')).toBe(before)
  })
})
