import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../tests/support/tempDir'
import { runCliCaptured } from '../../tests/support/runCliCaptured'
import { openWorkstation } from '../main/openWorkstation'

let dir: Awaited<ReturnType<typeof tempDir>>
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

const cli = (...args: string[]) => runCliCaptured([...args, '--data-dir', dir.path])
const ahead = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 16)
const as = (name: string, role: string) => cli('profile', 'set', '--name', name, '--role', role)

/** A story that passes the checks, written by Asha Rao (the CLI's `create` takes only a headline). */
async function story(): Promise<string> {
  const ws = await openWorkstation({ dataDir: dir.path, host: 'web', version: 'test' })
  try {
    await ws.client.setProfile({ name: 'Asha Rao', role: 'writer' })
    const created = await ws.client.createArticle({
      fields: {
        headline: 'Storm closes the harbour',
        summary: 'Ferries stopped.',
        keyPoints: { title: 'Key Points', items: ['a', 'b', 'c'] },
        dateline: { place: 'Bergen', date: '2026-03-09' },
        credit: 'NTB',
        body: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ferries stopped.' }] }],
        },
      },
    })
    return created.id
  } finally {
    await ws.close()
  }
}

describe('copydesk embargo and schedule', () => {
  it('sets and lifts an embargo; a writer cannot lift it; errors are one line, no stack', async () => {
    const id = await story()
    const until = `${ahead(3)}Z`
    const set = await cli('embargo', id, '--until', until)
    expect(set).toMatchObject({ code: 0, err: '' })
    expect(set.out).toContain(`Embargoed until ${new Date(until).toISOString()}`)

    const bare = await cli('embargo', id, '--until', ahead(3))
    expect(bare.code).toBe(1)
    expect(bare.err).toMatch(/^copydesk: “.+” has no offset; add the time zone's offset/)
    const past = await cli('embargo', id, '--until', '2020-01-01T06:00+01:00')
    expect(past.err).toBe('copydesk: Changing an embargo needs a desk chief.')
    const lift = await cli('embargo', id, '--lift')
    expect(lift).toMatchObject({ code: 1, err: 'copydesk: Lifting an embargo needs a desk chief.' })

    await as('Vikram Desk', 'desk-chief')
    const pastChief = await cli('embargo', id, '--until', '2020-01-01T06:00+01:00')
    expect(pastChief.err).toMatch(/^copydesk: An embargo cannot be set in the past \(/)
    expect((await cli('embargo', id, '--lift', '--json')).code).toBe(0)
    const history = await cli('history', id)
    expect(history.out).toContain('Embargo lifted')
    for (const answer of [bare, past, lift, pastChief]) expect(answer.err).not.toMatch(/\n\s+at /)
  })

  it('schedules an approved story for a desk chief only, refuses a past time, and clears it', async () => {
    const id = await story()
    const at = `${ahead(5)}+00:00`
    expect((await cli('schedule', id, '--at', at)).err).toBe(
      'copydesk: Scheduling publication is for a desk chief.',
    )
    await as('Vikram Desk', 'desk-chief')
    expect((await cli('schedule', id, '--at', at)).err).toBe(
      'copydesk: Only an approved story can be scheduled; approve it first.',
    )
    await cli('transition', id, 'submit')
    await as('Lena Chief', 'desk-chief')
    expect((await cli('transition', id, 'approve')).code).toBe(0)
    const past = await cli('schedule', id, '--at', '2020-01-01T06:00Z')
    expect(past.err).toMatch(/^copydesk: A publication time must be ahead; .* has passed\.$/)
    const scheduled = await cli('schedule', id, '--at', at, '--json')
    expect(scheduled.code).toBe(0)
    expect(JSON.parse(scheduled.out)).toMatchObject({ scheduledFor: new Date(at).toISOString() })
    const cleared = await cli('schedule', id, '--clear')
    expect(cleared.code).toBe(0)
    expect(cleared.out).not.toContain('Scheduled for')
    expect((await cli('schedule', id)).code).toBe(2)
  })
})
