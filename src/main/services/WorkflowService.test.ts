import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EditableFields } from '../../shared/domain/Article'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { tempDir } from '../../../tests/support/tempDir'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation
let clock = Date.parse('2026-01-23T09:00:00.000Z')
const tick = (ms = 60_000) => (clock += ms)

beforeEach(async () => {
  dir = await tempDir()
  ws = await openWorkstation({
    dataDir: dir.path,
    host: 'web',
    version: 'test',
    clock: { now: () => new Date(clock) },
  })
})
afterEach(async () => {
  await ws.close()
  await dir.cleanup()
})

const as = (name: string, role: 'writer' | 'desk-chief') => ws.client.setProfile({ name, role })
const ready = {
  headline: 'India, Japan bolster ties',
  summary: 'Ministers met.',
  keyPoints: { title: 'Key Points', items: ['a', 'b', 'c'] },
  dateline: { place: 'New Delhi', date: '2026-01-23' },
  credit: 'IANS',
  body: {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Ministers met in New Delhi.' }] },
    ],
  },
} satisfies Partial<EditableFields>

describe('the desk workflow through the IPC layer, on real files', () => {
  it('runs draft, submit, changes requested, resubmit, approve; locks; records everything', async () => {
    await as('Asha Rao', 'writer')
    const draft = await ws.client.createArticle({ fields: ready })
    expect(draft.author).toBe('Asha Rao')
    tick()
    await ws.client.transition({ id: draft.id, action: 'submit' })
    await expect(ws.client.transition({ id: draft.id, action: 'approve' })).rejects.toMatchObject({
      code: 'REFUSED',
      message: /desk chief/,
    })

    await as('Vikram Desk', 'desk-chief')
    await expect(
      ws.client.transition({ id: draft.id, action: 'request_changes' }),
    ).rejects.toMatchObject({ message: /What needs to change is required/ })
    tick()
    await ws.client.transition({
      id: draft.id,
      action: 'request_changes',
      note: 'Name the ministers.',
    })

    await as('Asha Rao', 'writer')
    const sentBack = await ws.client.getArticle({ id: draft.id })
    expect(sentBack.status).toBe('changes_requested')
    tick()
    await ws.client.saveArticle({
      id: draft.id,
      baseRevision: sentBack.revision,
      changes: {
        body: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'Jaishankar and Motegi met in New Delhi.' }],
            },
          ],
        },
      },
    })
    tick()
    await ws.client.transition({ id: draft.id, action: 'submit' })

    await as('Vikram Desk', 'desk-chief')
    tick()
    const approved = await ws.client.transition({ id: draft.id, action: 'approve' })
    expect(approved).toMatchObject({ status: 'approved', approval: { by: 'Vikram Desk' } })

    await expect(
      ws.client.saveArticle({
        id: draft.id,
        baseRevision: approved.revision,
        changes: { headline: 'sneaky' },
      }),
    ).rejects.toMatchObject({ code: 'LOCKED', message: /reopen it to edit/ })

    const audit = await ws.client.getAudit({ id: draft.id })
    expect(audit.map((a) => `${a.action} ${a.by}`)).toEqual([
      'create Asha Rao',
      'transition:submit Asha Rao',
      'transition:request_changes Vikram Desk',
      'transition:submit Asha Rao',
      'transition:approve Vikram Desk',
    ])
    expect(audit[2]?.note).toBe('Name the ministers.')

    const revisions = await ws.client.listRevisions({ id: draft.id })
    expect(revisions.map((r) => `${r.reason}:${r.status}`)).toEqual([
      'state-change:approved',
      'state-change:submitted',
      'state-change:changes_requested',
      'state-change:submitted',
      'created:draft',
    ])
    const diff = await ws.client.diffRevisions({ id: draft.id, from: 3, to: 4 })
    expect(diff.bodyChanged).toBe(true)
    expect(diff.body.filter((p) => p.change === 'added').map((p) => p.text.trim())).toContain(
      'Jaishankar and Motegi',
    )
    expect(diff.body.filter((p) => p.change === 'removed').map((p) => p.text.trim())).toContain(
      'Ministers',
    )
    expect(await readdir(join(dir.path, 'history', draft.id))).toHaveLength(5)
  })

  it('enforces the four-eyes rule, and lets the desk turn it off', async () => {
    await as('Vikram Desk', 'desk-chief')
    const own = await ws.client.createArticle({ fields: ready })
    await ws.client.transition({ id: own.id, action: 'submit' })
    await expect(ws.client.transition({ id: own.id, action: 'approve' })).rejects.toMatchObject({
      message: /Four-eyes/,
    })
    const settings = await ws.client.getSettings({})
    await ws.client.saveSettings({ ...settings, fourEyes: false })
    await expect(ws.client.transition({ id: own.id, action: 'approve' })).resolves.toMatchObject({
      status: 'approved',
    })
  })

  it('refuses submission while the checks fail, and any action without a profile', async () => {
    const created = await ws.client.createArticle({})
    await expect(ws.client.transition({ id: created.id, action: 'submit' })).rejects.toMatchObject({
      message: /who is at this workstation/,
    })
    await as('Asha Rao', 'writer')
    await expect(ws.client.transition({ id: created.id, action: 'submit' })).rejects.toMatchObject({
      message: /does not pass the checks/,
    })
    // An action the contract does not know reaches the dispatcher only untyped, as from a page.
    expect(await ws.dispatch('transition', { id: created.id, action: 'fly' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('reopens with a reason, restores an old revision as a new one, keeps notes and manual versions', async () => {
    await as('Asha Rao', 'writer')
    const a = await ws.client.createArticle({ fields: ready })
    tick()
    const v2 = await ws.client.saveArticle({
      id: a.id,
      baseRevision: 1,
      changes: { headline: 'Second headline' },
    })
    await ws.client.saveVersion({ id: a.id, note: 'Before the rewrite' })
    await ws.client.saveArticle({
      id: a.id,
      baseRevision: v2.revision,
      changes: { headline: 'Third headline' },
    })
    const restored = await ws.client.restoreRevision({ id: a.id, seq: 1 })
    expect(restored).toMatchObject({ headline: 'India, Japan bolster ties', revision: 4 })
    const revisions = await ws.client.listRevisions({ id: a.id })
    expect(revisions.map((r) => r.reason)).toEqual(['restored', 'saved-version', 'created'])
    expect(revisions[1]?.note).toBe('Before the rewrite')
    expect(await ws.client.getRevision({ id: a.id, seq: 2 })).toMatchObject({
      headline: 'Second headline',
    })

    await ws.client.addNote({ id: a.id, text: 'Check the ministers’ titles with the Tokyo desk.' })
    expect(await ws.client.listNotes({ id: a.id })).toEqual([
      expect.objectContaining({
        by: 'Asha Rao',
        text: 'Check the ministers’ titles with the Tokyo desk.',
      }),
    ])

    await ws.client.transition({ id: a.id, action: 'submit' })
    await as('Vikram Desk', 'desk-chief')
    await ws.client.transition({ id: a.id, action: 'approve' })
    await expect(ws.client.restoreRevision({ id: a.id, seq: 1 })).rejects.toMatchObject({
      code: 'LOCKED',
    })
    await expect(ws.client.transition({ id: a.id, action: 'reopen' })).rejects.toMatchObject({
      message: /Why it is reopened is required/,
    })
    await expect(
      ws.client.transition({ id: a.id, action: 'reopen', note: 'Title wrong' }),
    ).resolves.toMatchObject({ status: 'submitted', approval: null })
    const audit = await ws.client.getAudit({ id: a.id })
    expect(audit.map((e) => e.action)).toEqual([
      'create',
      'save-version',
      'restore',
      'transition:submit',
      'transition:approve',
      'transition:reopen',
    ])
  })

  it('keeps a snapshot at most every five minutes while editing', async () => {
    const a = await ws.client.createArticle({ fields: ready })
    let revision = 1
    for (let i = 0; i < 12; i += 1) {
      tick(60_000)
      revision = (
        await ws.client.saveArticle({
          id: a.id,
          baseRevision: revision,
          changes: { deck: `edit ${i}` },
        })
      ).revision
    }
    const revisions = await ws.client.listRevisions({ id: a.id })
    expect(revisions.map((r) => r.reason)).toEqual(['autosave', 'autosave', 'created'])
  })

  it('lists the queue: submitted stories, longest waiting first', async () => {
    await as('Asha Rao', 'writer')
    const first = await ws.client.createArticle({ fields: { ...ready, headline: 'First in' } })
    const second = await ws.client.createArticle({
      fields: { ...ready, headline: 'Second in' },
    })
    tick()
    await ws.client.transition({ id: second.id, action: 'submit' })
    tick()
    await ws.client.transition({ id: first.id, action: 'submit' })
    const queue = await ws.client.getQueue({})
    expect(queue.map((q) => q.headline)).toEqual(['Second in', 'First in'])
  })
})

describe('corrections for readers and the CMS confirmation', () => {
  async function publishedStory(): Promise<string> {
    await as('Asha Rao', 'writer')
    const { id } = await ws.client.createArticle({ fields: ready })
    await ws.client.transition({ id, action: 'submit' })
    await as('Vikram Desk', 'desk-chief')
    await ws.client.transition({ id, action: 'approve' })
    await ws.workflow.confirmPublished(id, { by: 'Vikram Desk', cms: 'WordPress' })
    return id
  }

  it('the first confirmation publishes with the confirmation in the audit trail and no correction', async () => {
    const id = await publishedStory()
    expect(await ws.client.getArticle({ id })).toMatchObject({
      status: 'published',
      corrections: [],
    })
    const audit = await ws.client.getAudit({ id })
    expect(audit.at(-1)).toMatchObject({
      action: 'transition:publish',
      note: 'Confirmed by WordPress',
    })
  })

  it('a confirmation without the desk chief’s note never corrects a story (bug: "Confirmed by WordPress" became the correction)', async () => {
    const id = await publishedStory()
    await ws.client.transition({ id, action: 'reopen', note: 'Fix' })
    await ws.client.transition({ id, action: 'approve' })
    await ws.workflow.confirmPublished(id, { by: 'Vikram Desk', cms: 'WordPress' })
    expect(await ws.client.getArticle({ id })).toMatchObject({
      status: 'approved',
      corrections: [],
    })
  })

  it('the pending note becomes the correction on confirmation; a reopen drops it', async () => {
    const id = await publishedStory()
    await ws.client.transition({ id, action: 'reopen', note: 'Fix' })
    await ws.client.transition({ id, action: 'approve' })
    let article = await ws.articles.get({ id })
    article = await ws.workflow.setPendingCorrection(
      article,
      'Vikram Desk',
      'The minister was misnamed.',
    )
    await ws.client.transition({ id, action: 'reopen', note: 'More' })
    expect(await ws.client.getArticle({ id })).toMatchObject({ pendingCorrection: null })
    await ws.client.transition({ id, action: 'approve' })
    article = await ws.articles.get({ id })
    await ws.workflow.setPendingCorrection(article, 'Vikram Desk', 'The minister was misnamed.')
    await ws.workflow.confirmPublished(id, { by: 'Vikram Desk', cms: 'WordPress' })
    expect(await ws.client.getArticle({ id })).toMatchObject({
      status: 'corrected',
      pendingCorrection: null,
      corrections: [{ by: 'Vikram Desk', note: 'The minister was misnamed.' }],
    })
  })
})

describe('why a story came back', () => {
  // Regression: the desk chief's note lived only in the audit trail, so the writer's list and
  // editor showed "Changes requested" with no reason.
  it('keeps the last state change’s note, who and when on the story and in the list, across a restart', async () => {
    await as('Asha Rao', 'writer')
    const draft = await ws.client.createArticle({ fields: ready })
    await ws.client.transition({ id: draft.id, action: 'submit' })
    await as('Vikram Desk', 'desk-chief')
    tick()
    const note = 'Name both ministers in the first paragraph.'
    await ws.client.transition({ id: draft.id, action: 'request_changes', note })
    const statusNote = { by: 'Vikram Desk', at: new Date(clock).toISOString(), text: note }
    expect(await ws.client.getArticle({ id: draft.id })).toMatchObject({ statusNote })
    expect(await ws.client.listArticles({})).toMatchObject([{ id: draft.id, statusNote }])

    await ws.close()
    ws = await openWorkstation({ dataDir: dir.path, host: 'web', version: 'test' })
    expect(await ws.client.listArticles({})).toMatchObject([{ statusNote }])

    await as('Asha Rao', 'writer')
    await ws.client.transition({ id: draft.id, action: 'submit' })
    expect(await ws.client.getArticle({ id: draft.id })).toMatchObject({ statusNote: null })
  })
})

describe('restoring a version', () => {
  it('brings back every field the desk edits, language, entities, dates and copyright included (bug: only headline … tags came back)', async () => {
    await as('Asha Rao', 'writer')
    const a = await ws.client.createArticle({
      fields: {
        ...ready,
        language: 'hi',
        entities: [{ kind: 'place', name: 'Tokyo', uri: 'http://sws.geonames.org/1850147/' }],
        contentCreated: '2026-01-22T10:00:00+05:30',
        copyrightHolder: 'IANS',
        copyrightNotice: '© IANS 2026',
      },
    })
    await ws.client.saveVersion({ id: a.id })
    await ws.client.saveArticle({
      id: a.id,
      baseRevision: a.revision,
      changes: {
        language: 'en',
        entities: [],
        contentCreated: null,
        copyrightHolder: '',
        copyrightNotice: '',
      },
    })
    const restored = await ws.client.restoreRevision({ id: a.id, seq: 1 })
    expect(restored).toMatchObject({
      language: 'hi',
      entities: [{ kind: 'place', name: 'Tokyo' }],
      contentCreated: '2026-01-22T10:00:00+05:30',
      copyrightHolder: 'IANS',
      copyrightNotice: '© IANS 2026',
    })
  })
})
