import { randomUUID } from 'node:crypto'
import { beforeAll, expect, it } from 'vitest'
import { eachDeskEngine, type DeskDatabase } from '../../../tests/support/eachDeskEngine'
import {
  anotherDevice,
  draftStory,
  edited,
  movableClock,
  signedIn,
} from '../../../tests/support/storyDesk'
import type { SaveStoryInput, WrittenStory } from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { Db } from '../db/Db'
import type { Principal } from '../Principal'
import { saveInOneCall } from './saveInOneCall'
import { saveStoryIn } from './saveStory'
import { StoryService } from './StoryService'

const NOW = '2026-12-01T14:00:30.000Z'
const CONTEXT = { now: NOW, leaseExpiresAt: '2026-12-01T14:02:30.000Z' }

/** What a save leaves in the database, by table, for comparing one path with the other. */
async function footprint(db: Db, id: string) {
  const q = (text: string) => db.query(text, [id])
  return {
    revisions: await q(
      'select number, base_revision, document, saved_by, saved_at from revisions where article_id = $1 order by number',
    ),
    article: await q(
      'select status, current_revision, updated_at, agency_kill from articles where id = $1',
    ),
    audit: await q(
      'select at, actor_id, action, revision, detail from audit where article_id = $1 order by id',
    ),
    receipts: await q(
      'select account_id, revision, kept_copy_id, at from save_receipts where article_id = $1',
    ),
    leases: await q(
      'select account_id, device_id, since, expires_at from leases where article_id = $1',
    ),
    changes: await q(
      'select kind, revision, actor_id from changes where article_id = $1 order by seq',
    ),
  }
}

/** The same footprint with the story's id written as "ID", so two stories' can be compared. */
function withoutId(value: unknown, id: string): unknown {
  return JSON.parse(JSON.stringify(value).split(id).join('ID'))
}

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof DeskError)) throw new Error(`expected a DeskError, got ${String(error)}`)
  return error
}

eachDeskEngine('Stories: the ordinary save in one call (save_story)', (open) => {
  let desk: DeskDatabase
  let stories: StoryService
  let asha: Principal
  let chief: Principal
  const clock = movableClock('2026-12-01T14:00:00.000Z')

  beforeAll(async () => {
    desk = await open()
    stories = new StoryService(desk.db, clock)
    asha = await signedIn(desk.db, 'Asha Rao', 'writer')
    chief = await signedIn(desk.db, 'Chidi Desk', 'desk-chief')
  })

  /** A story of Asha's at revision 1, leased to her device unless told otherwise. */
  async function story(leased = true): Promise<WrittenStory> {
    const created = await stories.saveStory(asha, { document: draftStory() })
    if (leased) await stories.acquireLease(asha, created.document.id)
    return stories.getStory(asha, created.document.id)
  }

  it('stores exactly the rows and answers exactly what the transaction path does', async () => {
    const one = await story()
    const other = await story()
    // One save id for both: ids are unique per story.
    const saveId = randomUUID()
    const input = (from: WrittenStory): SaveStoryInput => ({
      document: edited(from.document, 'The same take on both paths.'),
      baseRevision: from.revision,
      saveId,
    })
    const inOneCall = await saveInOneCall(desk.db, asha, input(one), CONTEXT)
    const outcome = await desk.db.transaction((tx) => saveStoryIn(tx, asha, input(other), CONTEXT))
    if (inOneCall === null || outcome.kind !== 'saved') throw new Error('both paths must save')
    expect(inOneCall.revision).toBe(2)
    expect(withoutId(inOneCall, one.document.id)).toEqual(
      withoutId(outcome.view, other.document.id),
    )
    expect(withoutId(await footprint(desk.db, one.document.id), one.document.id)).toEqual(
      withoutId(await footprint(desk.db, other.document.id), other.document.id),
    )
    const [lease] = await desk.db.query('select expires_at from leases where article_id = $1', [
      one.document.id,
    ])
    expect(lease?.['expires_at']).toEqual(new Date(CONTEXT.leaseExpiresAt))
  })

  it('writes nothing and leaves to the transaction path every save that is not the ordinary case', async () => {
    const refusedLink = {
      type: 'doc' as const,
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'x',
              marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
            },
          ],
        },
      ],
    }
    const cases: [string, () => Promise<SaveStoryInput & { principal?: Principal }>][] = [
      ['a story the desk has not seen', async () => ({ document: draftStory(), baseRevision: 1 })],
      [
        'a replay of a named save',
        async () => {
          const s = await story()
          const again = {
            document: edited(s.document, 'Once.'),
            baseRevision: 1,
            saveId: randomUUID(),
          }
          await stories.saveStory(asha, again)
          return again
        },
      ],
      [
        'a save after a take-over',
        async () => {
          const s = await story()
          await stories.takeOverLease(chief, s.document.id, 'Needed for the 15:00 edition')
          return { document: edited(s.document, 'Mine.'), baseRevision: 1 }
        },
      ],
      [
        "another device's live lease",
        async () => {
          const s = await story()
          const laptop = await anotherDevice(desk.db, asha)
          return {
            document: edited(s.document, 'From the laptop.'),
            baseRevision: 1,
            principal: laptop,
          }
        },
      ],
      [
        'a story that is not editable',
        async () => {
          const s = await story(false)
          await stories.transition(asha, {
            id: s.document.id,
            action: 'submit',
            revision: 1,
            note: '',
          })
          await stories.transition(chief, {
            id: s.document.id,
            action: 'approve',
            revision: 1,
            note: '',
          })
          return { document: edited(s.document, 'Late.'), baseRevision: 1 }
        },
      ],
      [
        'a stale base revision',
        async () => {
          const s = await story()
          await stories.saveStory(asha, { document: edited(s.document, 'Newer.'), baseRevision: 1 })
          return { document: edited(s.document, 'Older.'), baseRevision: 1 }
        },
      ],
      [
        'a status the workstation has not heard of',
        async () => {
          const s = await story()
          await stories.transition(asha, {
            id: s.document.id,
            action: 'submit',
            revision: 1,
            note: '',
          })
          return { document: edited(s.document, 'Still a draft here.'), baseRevision: 1 }
        },
      ],
      [
        'an agency kill',
        async () => {
          const s = await story()
          const agencyKill = { at: NOW, reason: 'Withdrawn by the agency', acknowledged: null }
          return { document: { ...edited(s.document, 'Killed?'), agencyKill }, baseRevision: 1 }
        },
      ],
      [
        'a link only the stored revision can vouch for',
        async () => {
          const s = await story()
          return { document: { ...s.document, body: refusedLink }, baseRevision: 1 }
        },
      ],
    ]
    for (const [name, make] of cases) {
      const { principal, ...input } = await make()
      const before = await footprint(desk.db, input.document.id)
      const [counter] = await desk.db.query('select last_seq from change_counter')
      const answer = await saveInOneCall(desk.db, principal ?? asha, input, CONTEXT)
      expect(answer, name).toBeNull()
      expect(await footprint(desk.db, input.document.id), name).toEqual(before)
      expect(await desk.db.query('select last_seq from change_counter'), name).toEqual([counter])
    }
  })

  it('answers the refusals as before through the service: the transaction path takes over', async () => {
    const s = await story()
    const laptop = await anotherDevice(desk.db, asha)
    const held = await refusal(
      stories.saveStory(laptop, { document: edited(s.document, 'Laptop.'), baseRevision: 1 }),
    )
    expect(held.code).toBe('REFUSED')
    expect(held.details).toMatchObject({ reason: 'lease_held', holder: { name: 'Asha Rao' } })
    await stories.transition(asha, { id: s.document.id, action: 'submit', revision: 1, note: '' })
    // The workstation still has "draft": the desk stores its own status, as it always has.
    const saved = await stories.saveStory(asha, {
      document: edited(s.document, 'Submitted meanwhile.'),
      baseRevision: 1,
    })
    expect(saved.status).toBe('submitted')
    expect(saved.document.status).toBe('submitted')
    const [stored] = await desk.db.query(
      "select document->>'status' as status from revisions where article_id = $1 and number = 2",
      [s.document.id],
    )
    expect(stored?.['status']).toBe('submitted')
  })

  it('lets one of two saves on the same base win when they race; the other is a CONFLICT naming the winner, and nothing is lost (the lost race)', async () => {
    const s = await story(false)
    const laptop = await anotherDevice(desk.db, asha)
    const elsewhere = new StoryService(desk.other, clock)
    const results = await Promise.allSettled([
      stories.saveStory(asha, { document: edited(s.document, 'From the desk.'), baseRevision: 1 }),
      elsewhere.saveStory(laptop, {
        document: edited(s.document, 'From the laptop.'),
        baseRevision: 1,
      }),
    ])
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    const conflict = lost[0]
    if (!(conflict instanceof DeskError))
      throw new Error(`expected a DeskError, got ${String(conflict)}`)
    expect(conflict.code).toBe('CONFLICT')
    expect(conflict.details).toMatchObject({ reason: 'stale', current: { revision: 2 } })
    const revisions = await desk.db.query(
      'select number from revisions where article_id = $1 order by number',
      [s.document.id],
    )
    expect(revisions).toEqual([{ number: 1 }, { number: 2 }])
    const changes = await desk.db.query(
      "select revision from changes where article_id = $1 and kind = 'story_saved' order by seq",
      [s.document.id],
    )
    expect(changes).toEqual([{ revision: 1 }, { revision: 2 }])
  })
})
