import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EditableFields } from '../../shared/domain/Article'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { tempDir } from '../../../tests/support/tempDir'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation
let clock = Date.parse('2026-03-09T09:00:00.000Z')

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
  headline: 'Ferry captain goes on trial in Tuscany',
  summary: 'The trial began.',
  keyPoints: { title: 'Key Points', items: ['a', 'b', 'c'] },
  dateline: { place: 'Grosseto', date: '2026-03-09' },
  credit: 'AP',
  feedItem: { uri: 'http://ninjs.example.com/newsitems/20260309ap-court-4711' },
  body: {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The trial began.' }] }],
  },
} satisfies Partial<EditableFields>
const kill = JSON.stringify({
  uri: 'http://ninjs.example.com/newsitems/20260309ap-court-4711',
  pubStatus: 'canceled',
  headlines: [{ role: 'main', value: 'KILL: Ferry captain goes on trial in Tuscany' }],
  edNote: 'KILL: The story headlined "Ferry captain goes on trial in Tuscany" is withdrawn.',
})

describe('finding 16: a kill is recorded on the earlier story', () => {
  it('bug: the kill warning vanished; now it blocks the story until a desk chief acknowledges it', async () => {
    await as('Asha Rao', 'writer')
    const story = await ws.client.createArticle({ fields: ready })
    const proposal = await ws.client.proposeImport({
      name: 'kill.json',
      content: kill,
    })
    const found = proposal.kill
    if (!found) throw new Error('The kill was not read as one.')
    // The lookup reads the index (the summary carries the feed item), never every article file.
    expect(found.earlier).toEqual({
      id: story.id,
      headline: ready.headline,
      status: 'draft',
    })

    clock += 60_000
    const flagged = await ws.client.recordAgencyKill({
      id: story.id,
      reason: found.reason,
      uri: found.uri,
    })
    expect(flagged.agencyKill).toMatchObject({
      reason: expect.stringMatching(/is withdrawn/),
      acknowledged: null,
    })
    const again = await ws.client.recordAgencyKill({
      id: story.id,
      reason: found.reason,
      uri: found.uri,
    })
    expect(again.revision).toBe(flagged.revision)

    await expect(ws.client.transition({ id: story.id, action: 'submit' })).rejects.toMatchObject({
      code: 'REFUSED',
    })
    await expect(ws.client.acknowledgeAgencyKill({ id: story.id })).rejects.toMatchObject({
      message: /desk chief/,
    })
    await as('Vikram Desk', 'desk-chief')
    const seen = await ws.client.acknowledgeAgencyKill({ id: story.id })
    expect(seen.agencyKill?.acknowledged).toEqual({
      by: 'Vikram Desk',
      at: '2026-03-09T09:01:00.000Z',
    })
    await ws.client.transition({ id: story.id, action: 'submit' })

    const trail = await ws.client.getAudit({ id: story.id })
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['agency-kill', 'agency-kill-acknowledged']),
    )
    expect(trail.find((e) => e.action === 'agency-kill')?.note).toMatch(
      /The agency withdrew this story: KILL/,
    )
  })
})

describe('finding 17, revised by issue 16: an embargo holds publication, not the desk', () => {
  it('submit and approve go on; Mark published waits for the time', async () => {
    await as('Asha Rao', 'writer')
    const story = await ws.client.createArticle({
      fields: { ...ready, feedItem: null, embargoedUntil: '2026-03-09T10:00:00.000Z' },
    })
    await ws.client.transition({ id: story.id, action: 'submit' })
    await as('Vikram Desk', 'desk-chief')
    await ws.client.transition({ id: story.id, action: 'approve' })
    await expect(ws.client.transition({ id: story.id, action: 'publish' })).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('Embargoed until 9 Mar 2026'),
    })
    clock = Date.parse('2026-03-09T10:00:01.000Z')
    expect((await ws.client.transition({ id: story.id, action: 'publish' })).status).toBe(
      'published',
    )
  })
})
