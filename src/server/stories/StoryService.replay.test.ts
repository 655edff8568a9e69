import { randomUUID } from 'node:crypto'
import { beforeAll, expect, it } from 'vitest'
import { eachDeskEngine, type DeskDatabase } from '../../../tests/support/eachDeskEngine'
import { draftStory, edited, movableClock, signedIn } from '../../../tests/support/storyDesk'
import { deskStoryCalls } from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { Db, DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { StoryService } from './StoryService'

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof DeskError)) throw new Error(`expected a DeskError, got ${String(error)}`)
  return error
}

/**
 * Issue 15's sync queue pushes a write, the desk commits it, the answer is lost (a crash, a cut
 * network) and the workstation sends the SAME write again. Bug before: the replayed save conflicted
 * with itself (its base now stale), and a replayed note or transition was applied twice (or refused
 * as "not allowed from submitted").
 */
eachDeskEngine('Stories: replays are safe', (open) => {
  let desk: DeskDatabase
  let stories: StoryService
  /** The same service as another server process would run it (its own connections on PostgreSQL). */
  let otherServer: StoryService
  let asha: Principal
  let ben: Principal
  let chief: Principal
  const clock = movableClock('2026-12-01T14:00:00.000Z')

  beforeAll(async () => {
    desk = await open()
    stories = new StoryService(desk.db, clock)
    otherServer = new StoryService(desk.other, clock)
    asha = await signedIn(desk.db, 'Asha Rao', 'writer')
    ben = await signedIn(desk.db, 'Ben Okafor', 'writer')
    chief = await signedIn(desk.db, 'Chidi Desk', 'desk-chief')
  })

  /** What a story has on the desk: every row a write adds, per table. */
  async function footprint(id: string) {
    const count = async (sql: string) => Number((await desk.db.query(sql, [id]))[0]?.['n'])
    return {
      revisions: await count('select count(*)::int as n from revisions where article_id = $1'),
      audit: await count('select count(*)::int as n from audit where article_id = $1'),
      changes: await count('select count(*)::int as n from changes where article_id = $1'),
      notes: await count('select count(*)::int as n from notes where article_id = $1'),
      keptCopies: await count('select count(*)::int as n from kept_copies where article_id = $1'),
      current: await count('select current_revision as n from articles where id = $1'),
    }
  }

  it('answers a save sent again after its answer was lost with the revision it made, storing nothing more', async () => {
    const draft = draftStory()
    const createId = randomUUID()
    const created = await stories.saveStory(asha, { document: draft, saveId: createId })
    expect(created.replayed).toBeUndefined()
    // The answer never reached the laptop: it sends the same create again.
    const createdAgain = await stories.saveStory(asha, { document: draft, saveId: createId })
    expect(createdAgain).toEqual({ ...created, replayed: true })
    expect(deskStoryCalls.saveStory.output.parse(createdAgain)).toEqual(createdAgain)

    clock.advance(60)
    const saveId = randomUUID()
    const second = edited(created.document, 'Second take, typed on the train.')
    const saved = await stories.saveStory(asha, { document: second, baseRevision: 1, saveId })
    expect(saved.revision).toBe(2)
    const before = await footprint(draft.id)
    clock.advance(60)
    const again = await stories.saveStory(asha, { document: second, baseRevision: 1, saveId })
    expect(again).toEqual({ ...saved, replayed: true })
    expect(await footprint(draft.id)).toEqual(before)
    expect(before).toMatchObject({ revisions: 2, audit: 2, changes: 2, current: 2 })
    const audit = await stories.getAudit(asha, draft.id)
    expect(audit.map((a) => [a.action, a.detail])).toEqual([
      ['story_created', { saveId: createId }],
      ['story_saved', { baseRevision: 1, saveId }],
    ])
  })

  it('refuses a saveId sent again with another document, another base or by another account, changing nothing', async () => {
    const draft = draftStory()
    const created = await stories.saveStory(asha, { document: draft })
    const saveId = randomUUID()
    const first = edited(created.document, 'What was sent first.')
    await stories.saveStory(asha, { document: first, baseRevision: 1, saveId })
    const before = await footprint(draft.id)

    const otherText = await refusal(
      stories.saveStory(asha, {
        document: edited(created.document, 'Something else.'),
        baseRevision: 2,
        saveId,
      }),
    )
    expect(otherText.code).toBe('INVALID_INPUT')
    expect(otherText.message).toContain(`saveId ${saveId} was already used for a different save`)
    expect(otherText.message).toContain('revision 2')
    expect(deskStoryCalls.saveStory.errors.INVALID_INPUT.parse(otherText.details)).toEqual({
      problems: [otherText.message],
    })
    const otherBase = await refusal(
      stories.saveStory(asha, { document: first, baseRevision: 2, saveId }),
    )
    expect(otherBase.code).toBe('INVALID_INPUT')
    const otherAccount = await refusal(
      stories.saveStory(ben, { document: first, baseRevision: 1, saveId }),
    )
    expect(otherAccount.code).toBe('INVALID_INPUT')
    expect(await footprint(draft.id)).toEqual(before)
    expect((await stories.getStory(asha, draft.id)).document.body).toEqual(first.body)
  })

  it('answers a replay that comes after another device saved on top with the original revision, changing nothing', async () => {
    const created = await stories.saveStory(asha, { document: draftStory() })
    const id = created.document.id
    const saveId = randomUUID()
    const mine = edited(created.document, 'Asha, revision 2.')
    const saved = await stories.saveStory(asha, { document: mine, baseRevision: 1, saveId })
    const theirs = await stories.saveStory(ben, {
      document: edited(created.document, 'Ben, on top.'),
      baseRevision: 2,
    })
    expect(theirs.revision).toBe(3)
    const before = await footprint(id)
    const again = await stories.saveStory(asha, { document: mine, baseRevision: 1, saveId })
    expect(again.replayed).toBe(true)
    expect(again.revision).toBe(2)
    expect(again.document.body).toEqual(saved.document.body)
    expect(again.savedBy).toEqual({ accountId: asha.accountId, name: 'Asha Rao' })
    expect(await footprint(id)).toEqual(before)
    expect((await stories.getStory(asha, id)).revision).toBe(3)
  })

  it('stores one revision when the same save arrives twice at once, through two server processes', async () => {
    // A new story and a save on top: both races (the id's insert, the story's row lock).
    const draft = draftStory()
    const createId = randomUUID()
    const creates = await Promise.all([
      stories.saveStory(asha, { document: draft, saveId: createId }),
      otherServer.saveStory(asha, { document: draft, saveId: createId }),
    ])
    expect(creates.map((c) => c.revision)).toEqual([1, 1])
    expect(creates.filter((c) => c.replayed === true)).toHaveLength(1)

    const saveId = randomUUID()
    const next = edited(draft, 'Sent twice at once.')
    const saves = await Promise.all([
      stories.saveStory(asha, { document: next, baseRevision: 1, saveId }),
      otherServer.saveStory(asha, { document: next, baseRevision: 1, saveId }),
    ])
    expect(saves.map((s) => s.revision)).toEqual([2, 2])
    expect(saves.filter((s) => s.replayed === true)).toHaveLength(1)
    expect(await footprint(draft.id)).toMatchObject({
      revisions: 2,
      audit: 2,
      changes: 2,
      current: 2,
    })
  })

  it('answers a replayed save that was kept as a copy after a take-over with the same CONFLICT and the same copy, keeping no second one', async () => {
    const created = await stories.saveStory(asha, { document: draftStory() })
    const id = created.document.id
    await stories.acquireLease(asha, id)
    await stories.takeOverLease(chief, id, 'Needed for the 15:00 edition')
    const saveId = randomUUID()
    const late = edited(created.document, 'Asha, after the take-over.')
    const kept = await refusal(stories.saveStory(asha, { document: late, baseRevision: 1, saveId }))
    expect(kept.code).toBe('CONFLICT')
    const first = deskStoryCalls.saveStory.errors.CONFLICT.parse(kept.details)
    if (first.reason !== 'lease_taken_over') throw new Error(`got ${first.reason}`)
    const before = await footprint(id)

    const replay = await refusal(
      stories.saveStory(asha, { document: late, baseRevision: 1, saveId }),
    )
    expect(replay.code).toBe('CONFLICT')
    expect(replay.message).toBe(kept.message)
    expect(deskStoryCalls.saveStory.errors.CONFLICT.parse(replay.details)).toEqual(first)
    expect(await footprint(id)).toEqual(before)
    expect(before.keptCopies).toBe(1)
    expect((await stories.listKeptCopies(chief, id)).map((c) => c.id)).toEqual([first.keptCopy.id])
    await stories.releaseLease(chief, id)
  })

  it('answers a replayed save with the revision it stored even when the lease was taken over since', async () => {
    const created = await stories.saveStory(asha, { document: draftStory() })
    const id = created.document.id
    await stories.acquireLease(asha, id)
    const saveId = randomUUID()
    const mine = edited(created.document, 'Saved before the take-over.')
    const saved = await stories.saveStory(asha, { document: mine, baseRevision: 1, saveId })
    await stories.takeOverLease(chief, id, 'Desk needs it')
    const before = await footprint(id)
    const again = await stories.saveStory(asha, { document: mine, baseRevision: 1, saveId })
    expect(again).toMatchObject({ revision: saved.revision, replayed: true })
    expect(await footprint(id)).toEqual(before)
    expect(before.keptCopies).toBe(0)
    await stories.releaseLease(chief, id)
  })

  it('answers a note sent again under its noteId with the note already stored, adding nothing', async () => {
    const created = await stories.saveStory(asha, { document: draftStory() })
    const id = created.document.id
    const noteId = randomUUID()
    const note = await stories.addNote(chief, { id, body: 'Check the date', noteId })
    expect(note.id).toBe(noteId)
    const before = await footprint(id)
    clock.advance(30)
    const again = await stories.addNote(chief, { id, body: 'Check the date', noteId })
    expect(again).toEqual({ ...note, replayed: true })
    expect(deskStoryCalls.addNote.output.parse(again)).toEqual(again)
    expect(await footprint(id)).toEqual(before)
    expect((await stories.listNotes(asha, id)).map((n) => n.id)).toEqual([noteId])

    // Twice at once: one note.
    const raceId = randomUUID()
    const both = await Promise.all([
      stories.addNote(chief, { id, body: 'Sent twice', noteId: raceId }),
      otherServer.addNote(chief, { id, body: 'Sent twice', noteId: raceId }),
    ])
    expect(both.filter((n) => n.replayed === true)).toHaveLength(1)
    expect((await stories.listNotes(asha, id)).map((n) => n.id)).toEqual([noteId, raceId])

    // The id of a note with another text, on another story or by another account is not a replay.
    const other = await stories.saveStory(asha, { document: draftStory() })
    const refusals = await Promise.all([
      refusal(stories.addNote(chief, { id, body: 'Another text', noteId })),
      refusal(stories.addNote(chief, { id: other.document.id, body: 'Check the date', noteId })),
      refusal(stories.addNote(asha, { id, body: 'Check the date', noteId })),
    ])
    for (const refused of refusals) {
      expect(refused.code).toBe('INVALID_INPUT')
      expect(refused.message).toContain(`noteId ${noteId} was already used for a different note`)
      expect(refused.message).not.toContain('Check the date')
    }
    expect(await footprint(other.document.id)).toMatchObject({ notes: 0 })
    expect((await footprint(id)).notes).toBe(2)
  })

  it('applies a transition sent again under its transitionId once, answering the story as it is now instead of "not allowed"', async () => {
    const created = await stories.saveStory(asha, { document: draftStory() })
    const id = created.document.id
    const submitId = randomUUID()
    const submit = { id, action: 'submit' as const, revision: 1, note: '', transitionId: submitId }
    const submitted = await stories.transition(asha, submit)
    expect(submitted.status).toBe('submitted')
    const afterSubmit = await footprint(id)
    const again = await stories.transition(asha, submit)
    expect(again).toEqual({ ...submitted, replayed: true })
    expect(await footprint(id)).toEqual(afterSubmit)

    // The desk moved on before the replay arrived: the answer is the story as it is now.
    await stories.transition(chief, {
      id,
      action: 'request_changes',
      revision: 1,
      note: 'Add a source',
    })
    const moved = await footprint(id)
    const late = await stories.transition(asha, submit)
    expect(late).toMatchObject({ status: 'changes_requested', replayed: true })
    expect(deskStoryCalls.transition.output.parse(late)).toEqual(late)
    expect(await footprint(id)).toEqual(moved)
    const actions = (await stories.getAudit(asha, id)).map((a) => a.action)
    expect(actions.filter((a) => a === 'transition:submit')).toHaveLength(1)

    // Twice at once, through two servers: applied once.
    const approveId = randomUUID()
    await stories.transition(asha, { id, action: 'submit', revision: 1, note: '' })
    const approve = {
      id,
      action: 'approve' as const,
      revision: 1,
      note: '',
      transitionId: approveId,
    }
    const both = await Promise.all([
      stories.transition(chief, approve),
      otherServer.transition(chief, approve),
    ])
    expect(both.map((b) => b.status)).toEqual(['approved', 'approved'])
    expect(both.filter((b) => b.replayed === true)).toHaveLength(1)
    const approvals = (await stories.getAudit(chief, id)).filter(
      (a) => a.action === 'transition:approve',
    )
    expect(approvals).toHaveLength(1)
    expect(approvals[0]?.detail).toMatchObject({ transitionId: approveId })

    // The same id with another action or note is refused, not taken as a replay.
    const before = await footprint(id)
    const otherAction = await refusal(stories.transition(chief, { ...approve, action: 'publish' }))
    expect(otherAction.code).toBe('INVALID_INPUT')
    expect(otherAction.message).toContain(`transitionId ${approveId} was already used`)
    expect(deskStoryCalls.transition.errors.INVALID_INPUT.parse(otherAction.details)).toEqual({
      problems: [otherAction.message],
    })
    const otherNote = await refusal(stories.transition(chief, { ...approve, note: 'Fine' }))
    expect(otherNote.code).toBe('INVALID_INPUT')
    expect(await footprint(id)).toEqual(before)
    expect((await stories.getStory(asha, id)).status).toBe('approved')
  })

  it('costs a named save no extra round trip: one (save_story), and a replay of it one, then two (the locked row, the reads: a replay writes nothing)', async () => {
    let trips = 0
    let out = 0
    const counting = (q: DbQueries): DbQueries => ({
      ...q,
      query: async (text, params) => {
        if (out === 0) trips += 1
        out += 1
        try {
          return await q.query(text, params)
        } finally {
          out -= 1
        }
      },
    })
    const db: Db = {
      ...desk.db,
      query: counting(desk.db).query,
      transaction: (work) => desk.db.transaction((tx) => work(counting(tx))),
    }
    const counted = new StoryService(db, clock)
    const created = await counted.saveStory(asha, { document: draftStory() })
    trips = 0
    const named = {
      document: edited(created.document, 'Counted, with an id.'),
      baseRevision: 1,
      saveId: randomUUID(),
    }
    const saved = await counted.saveStory(asha, named)
    expect(saved.revision).toBe(2)
    expect(trips).toBe(1)
    trips = 0
    const replayed = await counted.saveStory(asha, named)
    expect(replayed).toMatchObject({ revision: 2, replayed: true })
    expect(trips).toBe(1 + 2)
  })

  it('keeps an id-less write (an older workstation) working exactly as before', async () => {
    const draft = draftStory()
    await stories.saveStory(asha, { document: draft })
    const again = await refusal(stories.saveStory(asha, { document: draft }))
    expect(again.code).toBe('CONFLICT')
    await stories.addNote(ben, { id: draft.id, body: 'Same words' })
    await stories.addNote(ben, { id: draft.id, body: 'Same words' })
    expect((await footprint(draft.id)).notes).toBe(2)
    await stories.transition(asha, { id: draft.id, action: 'submit', revision: 1, note: '' })
    const twice = await refusal(
      stories.transition(asha, { id: draft.id, action: 'submit', revision: 1, note: '' }),
    )
    expect(twice.code).toBe('REFUSED')
  })

  it('takes a UUID, and only a UUID, for each id', () => {
    const document = draftStory()
    const id = randomUUID()
    expect(deskStoryCalls.saveStory.input.parse({ document, saveId: id }).saveId).toBe(id)
    expect(deskStoryCalls.addNote.input.parse({ id: document.id, body: 'x', noteId: id })).toEqual({
      id: document.id,
      body: 'x',
      noteId: id,
    })
    expect(
      deskStoryCalls.transition.input.parse({
        id: document.id,
        action: 'submit',
        revision: 1,
        transitionId: id,
      }).transitionId,
    ).toBe(id)
    expect(deskStoryCalls.saveStory.input.safeParse({ document, saveId: 'retry-1' }).success).toBe(
      false,
    )
    expect(
      deskStoryCalls.addNote.input.safeParse({ id: document.id, body: 'x', noteId: "1' or '1" })
        .success,
    ).toBe(false)
    expect(
      deskStoryCalls.transition.input.safeParse({
        id: document.id,
        action: 'submit',
        revision: 1,
        transitionId: 'x',
      }).success,
    ).toBe(false)
  })
})
