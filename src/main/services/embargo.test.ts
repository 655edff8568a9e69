import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EditableFields } from '../../shared/domain/Article'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { tempDir } from '../../../tests/support/tempDir'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation
let clock = Date.parse('2026-03-09T09:00:00.000Z')
const until = '2026-03-09T10:00:00.000Z'

beforeEach(async () => {
  clock = Date.parse('2026-03-09T09:00:00.000Z')
  dir = await tempDir()
  ws = await openWorkstation({
    dataDir: dir.path,
    host: 'web',
    version: 'test',
    clock: { now: () => new Date(clock) },
  })
  await ws.client.saveSettings({ ...(await ws.client.getSettings({})), timeZone: 'Europe/Oslo' })
})
afterEach(async () => {
  await ws.close()
  await dir.cleanup()
})

const as = (name: string, role: 'writer' | 'desk-chief') => ws.client.setProfile({ name, role })
const ready = {
  headline: 'Central bank raises its rate',
  summary: 'The bank moved.',
  keyPoints: { title: 'Key Points', items: ['a', 'b', 'c'] },
  dateline: { place: 'Oslo', date: '2026-03-09' },
  credit: 'NTB',
  body: {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The bank moved.' }] }],
  },
} satisfies Partial<EditableFields>

async function approvedUnderEmbargo() {
  await as('Asha Rao', 'writer')
  const story = await ws.client.createArticle({ fields: ready })
  await ws.client.setEmbargo({ id: story.id, until })
  await ws.client.transition({ id: story.id, action: 'submit' })
  await as('Vikram Desk', 'desk-chief')
  return ws.client.transition({ id: story.id, action: 'approve' })
}

describe('an embargo is a publication hold', () => {
  it('no final export before the time; a preview says it is embargoed; after it, the export carries it', async () => {
    const story = await approvedUnderEmbargo()
    const out = `${dir.path}/out`
    await expect(
      ws.client.exportArticles({ ids: [story.id], format: 'copydesk', dir: out }),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: `“${ready.headline}”: Embargoed until 9 Mar 2026, 11:00 CET: it cannot be exported as final copy before then.`,
    })
    clock = Date.parse(until)
    const [file] = await ws.client.exportArticles({ ids: [story.id], format: 'copydesk', dir: out })
    const json: unknown = JSON.parse(await readFile(file?.file ?? '', 'utf8'))
    expect(json).toMatchObject({ final: true, embargo: until })
    const [ninjs] = await ws.client.exportArticles({ ids: [story.id], format: 'ninjs', dir: out })
    expect(JSON.parse(await readFile(ninjs?.file ?? '', 'utf8'))).toMatchObject({
      embargoedUntil: until,
      pubStatus: 'usable',
    })
  })
  it('a preview export says EMBARGOED in both formats and validates', async () => {
    await as('Asha Rao', 'writer')
    const story = await ws.client.createArticle({ fields: { ...ready, embargoedUntil: until } })
    const out = `${dir.path}/out`
    const [copy] = await ws.client.exportArticles({ ids: [story.id], format: 'copydesk', dir: out })
    expect(JSON.parse(await readFile(copy?.file ?? '', 'utf8'))).toMatchObject({
      final: false,
      embargo: until,
      notice: `PREVIEW: not approved for publication (status: draft). EMBARGOED until ${until}.`,
    })
    const [ninjs] = await ws.client.exportArticles({ ids: [story.id], format: 'ninjs', dir: out })
    expect(JSON.parse(await readFile(ninjs?.file ?? '', 'utf8'))).toMatchObject({
      embargoedUntil: until,
      edNote: expect.stringContaining('EMBARGOED'),
    })
  })
  it('a push before the time is refused unless the story is scheduled for it', async () => {
    const story = await approvedUnderEmbargo()
    await ws.client.saveSettings({
      ...(await ws.client.getSettings({})),
      webhookUrl: 'http://127.0.0.1:9/hook',
    })
    await expect(ws.client.pushArticle({ id: story.id, target: 'webhook' })).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/^Embargoed until/),
    })
  })
  it('a writer may put one on, only a desk chief lifts or moves it, every change in the audit trail', async () => {
    await as('Asha Rao', 'writer')
    const story = await ws.client.createArticle({ fields: ready })
    const set = await ws.client.saveArticle({
      id: story.id,
      baseRevision: story.revision,
      changes: { embargoedUntil: until },
    })
    await expect(
      ws.client.saveArticle({
        id: story.id,
        baseRevision: set.revision,
        changes: { embargoedUntil: null },
      }),
    ).rejects.toMatchObject({ message: 'Lifting an embargo needs a desk chief.' })
    await expect(ws.client.setEmbargo({ id: story.id, until: null })).rejects.toMatchObject({
      message: 'Lifting an embargo needs a desk chief.',
    })
    await expect(
      ws.client.setEmbargo({ id: story.id, until: '2026-03-09T08:00:00Z' }),
    ).rejects.toMatchObject({ message: 'Changing an embargo needs a desk chief.' })
    await as('Vikram Desk', 'desk-chief')
    await expect(
      ws.client.setEmbargo({ id: story.id, until: '2026-03-09T08:00:00Z' }),
    ).rejects.toMatchObject({
      message: 'An embargo cannot be set in the past (9 Mar 2026, 09:00 CET).',
    })
    await ws.client.setEmbargo({ id: story.id, until: '2026-03-09T12:00:00+01:00' })
    const lifted = await ws.client.setEmbargo({ id: story.id, until: null })
    expect(lifted.embargoedUntil).toBeNull()
    const trail = await ws.client.getAudit({ id: story.id })
    expect(trail.filter((e) => e.action.startsWith('embargo')).map((e) => [e.by, e.note])).toEqual([
      ['Asha Rao', `Embargoed until ${until}`],
      ['Vikram Desk', `Embargo moved from ${until} to 2026-03-09T11:00:00.000Z`],
      ['Vikram Desk', 'Embargo lifted (was until 2026-03-09T11:00:00.000Z)'],
    ])
  })
  it('an old version restored never lifts the embargo', async () => {
    await as('Vikram Desk', 'desk-chief')
    const story = await ws.client.createArticle({ fields: ready })
    await ws.client.saveVersion({ id: story.id })
    await ws.client.setEmbargo({ id: story.id, until })
    const [first] = (await ws.client.listRevisions({ id: story.id })).slice(-1)
    const restored = await ws.client.restoreRevision({ id: story.id, seq: first?.seq ?? 1 })
    expect(restored.embargoedUntil).toBe(until)
  })
})
