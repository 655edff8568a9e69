import { beforeAll, describe, expect, it } from 'vitest'
import { eachDeskEngine, type DeskDatabase } from '../../../tests/support/eachDeskEngine'
import { draftStory, edited, movableClock, signedIn } from '../../../tests/support/storyDesk'
import { deskStoryCalls } from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { Db, DbQueries } from '../db/Db'
import type { Principal } from '../Principal'
import { createStoryHandlers } from './createStoryHandlers'
import { StoryService } from './StoryService'
import { recordChange } from '../feed/recordChange'

const SQL_NASTY = `Bobby'); drop table articles;-- "quoted" \\ $1 %s ; select pg_sleep(10)`

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof DeskError)) throw new Error(`expected a DeskError, got ${String(error)}`)
  return error
}

eachDeskEngine('Stories: saving', (open) => {
  let desk: DeskDatabase
  let stories: StoryService
  let asha: Principal
  let ben: Principal
  const clock = movableClock('2026-12-01T14:00:00.000Z')

  beforeAll(async () => {
    desk = await open()
    stories = new StoryService(desk.db, clock)
    asha = await signedIn(desk.db, 'Asha Rao', 'writer')
    ben = await signedIn(desk.db, 'Ben Okafor', 'writer')
  })

  it('stores a new story as revision 1 created by the caller, then saves on its base revision', async () => {
    const draft = draftStory()
    const created = await stories.saveStory(asha, { document: draft })
    expect(deskStoryCalls.saveStory.output.parse(created)).toEqual(created)
    expect(created).toMatchObject({
      revision: 1,
      status: 'draft',
      createdBy: { accountId: asha.accountId, name: 'Asha Rao' },
      savedBy: { accountId: asha.accountId, name: 'Asha Rao' },
      approvedRevision: null,
    })
    expect(created.document).toMatchObject({ id: draft.id, revision: 1, author: 'Asha Rao' })

    clock.advance(60)
    const saved = await stories.saveStory(asha, {
      document: edited(created.document, 'Second take.'),
      baseRevision: 1,
    })
    expect(saved.revision).toBe(2)
    const fetched = await stories.getStory(ben, draft.id)
    expect(fetched.document.body).toEqual(edited(draft, 'Second take.').body)
    expect(fetched.savedAt).toBe('2026-12-01T14:01:00.000Z')
    const first = await stories.getRevision(ben, draft.id, 1)
    expect(first.document.body).toEqual(draft.body)
    expect(first.baseRevision).toBeNull()
    expect((await stories.getRevision(ben, draft.id, 2)).baseRevision).toBe(1)
  })

  it('numbers a change at the commit: the counter row is free while a writing transaction is still at work (bug: it stayed locked one round trip more, and under load saves queued behind it)', async () => {
    const created = await stories.saveStory(asha, { document: draftStory() })
    let checked = false
    await desk.db.transaction(async (tx) => {
      await recordChange(tx, 'note_added', created.document.id, null, asha.accountId)
      if (desk.engine === 'postgres') {
        // Another server's writer takes the row at once (PGlite has one connection: nothing to race).
        const free = await desk.other.transaction((other) =>
          other.query('select last_seq from change_counter for update nowait'),
        )
        checked = free.length === 1
      } else checked = true
    })
    expect(checked).toBe(true)
    const [last] = await desk.db.query(
      'select kind, article_id from changes order by seq desc limit 1',
    )
    expect(last).toEqual({ kind: 'note_added', article_id: created.document.id })
  })

  it('sends an ordinary save to the database in one trip, save_story (bug: six trips in all, each one more wait under load); one the call leaves to the transaction takes one trip, then three: the locked row, the reads together, the writes together (bug: nine one after another)', async () => {
    // Counts the trips: a statement sent while another is still out rides the same trip.
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
    await counted.acquireLease(asha, created.document.id)
    trips = 0
    const saved = await counted.saveStory(asha, {
      document: edited(created.document, 'Counted take.'),
      baseRevision: created.revision,
    })
    expect(saved.revision).toBe(created.revision + 1)
    expect(saved.lease?.yours).toBe(true)
    expect(trips).toBe(1)
    // The desk moved the story on since the workstation read it: the transaction path stores it.
    await counted.transition(asha, {
      id: created.document.id,
      action: 'submit',
      revision: saved.revision,
      note: '',
    })
    trips = 0
    const moved = await counted.saveStory(asha, {
      document: edited(saved.document, 'Counted again.'),
      baseRevision: saved.revision,
    })
    expect(moved).toMatchObject({ revision: saved.revision + 1, status: 'submitted' })
    expect(trips).toBe(1 + 3)
  })

  it('answers a save on a stale base revision with CONFLICT carrying the desk version, storing nothing', async () => {
    const draft = draftStory()
    await stories.saveStory(asha, { document: draft })
    const theirs = await stories.saveStory(ben, {
      document: edited(draft, 'Ben got there first.'),
      baseRevision: 1,
    })
    const conflict = await refusal(
      stories.saveStory(asha, { document: edited(draft, 'Asha, offline.'), baseRevision: 1 }),
    )
    expect(conflict.code).toBe('CONFLICT')
    const details = deskStoryCalls.saveStory.errors.CONFLICT.parse(conflict.details)
    expect(details).toMatchObject({
      reason: 'stale',
      current: { revision: 2, savedBy: { accountId: ben.accountId, name: 'Ben Okafor' } },
    })
    expect(details.current.document.body).toEqual(theirs.document.body)
    expect(conflict.message).toMatch(/revision 2 .*Ben Okafor.*based on revision 1/)
    const now = await stories.getStory(asha, draft.id)
    expect(now.revision).toBe(2)
    expect(now.document.body).toEqual(theirs.document.body)

    // Keep mine: the workstation saves its text again on the desk's revision.
    const kept = await stories.saveStory(asha, {
      document: edited(draft, 'Asha, offline.'),
      baseRevision: 2,
    })
    expect(kept.revision).toBe(3)
  })

  it('lets one of two workstations creating the same id in parallel win; the other gets CONFLICT and nothing is lost', async () => {
    const draft = draftStory()
    const mine = edited(draft, 'From the laptop.')
    const theirs = edited(draft, 'From the desktop.')
    const results = await Promise.allSettled([
      stories.saveStory(asha, { document: mine }),
      stories.saveStory(ben, { document: theirs }),
    ])
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    const error = lost[0]
    if (!(error instanceof DeskError)) throw new Error('expected a DeskError')
    expect(error.code).toBe('CONFLICT')
    const details = deskStoryCalls.saveStory.errors.CONFLICT.parse(error.details)
    expect(details.reason).toBe('exists')
    const stored = await stories.getStory(asha, draft.id)
    expect(stored.revision).toBe(1)
    expect(details.current.document.body).toEqual(stored.document.body)
    const revisions = await desk.db.query(
      'select count(*)::int as n from revisions where article_id = $1',
      [draft.id],
    )
    expect(revisions).toEqual([{ n: 1 }])
    // The loser still has its text and can keep it on the winner's revision.
    const loserText = stored.createdBy.accountId === asha.accountId ? theirs : mine
    const loser = stored.createdBy.accountId === asha.accountId ? ben : asha
    const again = await stories.saveStory(loser, { document: loserText, baseRevision: 1 })
    expect(again.revision).toBe(2)
  })

  it('owns status, approval and the workflow fields: what a client sends for them is ignored and the server values are stored', async () => {
    const forged = {
      ...draftStory(),
      status: 'approved' as const,
      approval: { by: 'Desk Chief', at: '2026-12-01T12:00:00.000Z' },
      publishedAt: '2026-12-01T12:00:00.000Z',
      corrections: [{ by: 'x', at: '2026-12-01T12:00:00.000Z', note: 'forged' }],
      statusNote: { by: 'x', at: '2026-12-01T12:00:00.000Z', text: 'forged' },
      author: 'Someone else',
      revision: 40,
      createdAt: '2020-01-01T00:00:00.000Z',
    }
    const created = await stories.saveStory(asha, { document: forged })
    expect(created.status).toBe('draft')
    const stored = await desk.db.query(
      'select document from revisions where article_id = $1 and number = 1',
      [forged.id],
    )
    expect(stored[0]?.['document']).toMatchObject({
      status: 'draft',
      approval: null,
      publishedAt: null,
      corrections: [],
      statusNote: null,
      author: 'Asha Rao',
      revision: 1,
      createdAt: '2026-12-01T14:01:00.000Z',
    })
    const again = await stories.saveStory(asha, {
      document: { ...created.document, status: 'published' },
      baseRevision: 1,
    })
    expect(again.status).toBe('draft')
    expect(again.document.status).toBe('draft')
  })

  it('refuses a save of a story that is not editable, naming its status', async () => {
    const chief = await signedIn(desk.db, 'Chidi Desk', 'desk-chief')
    const created = await stories.saveStory(asha, { document: draftStory() })
    await stories.transition(asha, {
      id: created.document.id,
      action: 'submit',
      revision: 1,
      note: '',
    })
    await stories.transition(chief, {
      id: created.document.id,
      action: 'approve',
      revision: 1,
      note: '',
    })
    const refused = await refusal(
      stories.saveStory(asha, { document: edited(created.document, 'late'), baseRevision: 1 }),
    )
    expect(refused.code).toBe('REFUSED')
    expect(refused.message).toMatch(/approved/)
    expect(refused.details).toEqual({ reason: 'not_editable', status: 'approved' })
  })

  it('refuses a body the editor schema does not allow, storing nothing', async () => {
    const draft = draftStory({
      body: { type: 'doc', content: [{ type: 'script', content: [{ type: 'text', text: 'x' }] }] },
    })
    const refused = await refusal(stories.saveStory(asha, { document: draft }))
    expect(refused.code).toBe('INVALID_INPUT')
    expect(refused.message).toMatch(/editor schema/)
    expect(await desk.db.query('select id from articles where id = $1', [draft.id])).toEqual([])
  })

  it('stores SQL metacharacters in headline, body and note verbatim', async () => {
    const draft = edited(draftStory({ headline: SQL_NASTY, deck: SQL_NASTY }), SQL_NASTY)
    await stories.saveStory(asha, { document: draft })
    const note = await stories.addNote(asha, { id: draft.id, body: SQL_NASTY })
    const story = await stories.getStory(ben, draft.id)
    expect(story.document.headline).toBe(SQL_NASTY)
    expect(story.document.deck).toBe(SQL_NASTY)
    expect(story.document.body).toEqual(edited(draft, SQL_NASTY).body)
    expect((await stories.listNotes(ben, draft.id)).map((n) => n.body)).toEqual([SQL_NASTY])
    expect(note.body).toBe(SQL_NASTY)
    const page = await stories.listStories(ben, { limit: 500 })
    expect(page.stories.find((s) => s.id === draft.id)?.headline).toBe(SQL_NASTY)
    expect(await desk.db.query('select count(*)::int as n from accounts')).not.toEqual([{ n: 0 }])
  })

  it('answers NOT_FOUND for a story or revision the desk does not have, and for a base revision of an unknown story', async () => {
    const draft = draftStory()
    expect((await refusal(stories.getStory(asha, draft.id))).code).toBe('NOT_FOUND')
    expect(
      (await refusal(stories.saveStory(asha, { document: draft, baseRevision: 3 }))).code,
    ).toBe('NOT_FOUND')
    await stories.saveStory(asha, { document: draft })
    const missing = await refusal(stories.getRevision(asha, draft.id, 2))
    expect(missing.details).toEqual({ id: draft.id, revision: 2 })
  })

  it('lists every story in pages by a stable cursor, with the feed number to follow from', async () => {
    const before = await stories.listStories(asha, { limit: 500 })
    const ids = new Set(before.stories.map((s) => s.id))
    const fresh: string[] = []
    for (let i = 0; i < 5; i += 1)
      fresh.push((await stories.saveStory(ben, { document: draftStory() })).document.id)
    const seen: string[] = []
    let after: string | undefined
    let first: number | null = null
    for (;;) {
      const page = await stories.listStories(
        asha,
        after === undefined ? { limit: 2 } : { after, limit: 2 },
      )
      expect(deskStoryCalls.listStories.output.parse(page)).toEqual(page)
      first ??= page.seq
      seen.push(...page.stories.map((s) => s.id))
      if (page.next === null) break
      after = page.next
    }
    expect(seen).toEqual([...seen].sort())
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(ids.size + 5)
    const counter = await desk.db.query('select last_seq from change_counter')
    expect(first).toBe(counter[0]?.['last_seq'])
    // One saved here: the first by id may be another test's story, holding a lease.
    const item = (await stories.listStories(asha, { limit: 500 })).stories.find(
      (s) => s.id === fresh[0],
    )
    expect(item).toMatchObject({ currentRevision: 1, lease: null })
  })

  it('records each save in the change feed, in order, as the last thing its transaction does', async () => {
    const start = await desk.db.query('select last_seq from change_counter')
    const from = Number(start[0]?.['last_seq'])
    const draft = draftStory()
    await stories.saveStory(asha, { document: draft })
    await stories.saveStory(asha, { document: edited(draft, 'two'), baseRevision: 1 })
    await stories.addNote(ben, { id: draft.id, body: 'Check the date' })
    await refusal(stories.saveStory(ben, { document: edited(draft, 'stale'), baseRevision: 1 }))
    const changes = await desk.db.query(
      'select seq, kind, article_id, revision, actor_id from changes where seq > $1 order by seq',
      [from],
    )
    expect(changes).toEqual([
      {
        seq: from + 1,
        kind: 'story_saved',
        article_id: draft.id,
        revision: 1,
        actor_id: asha.accountId,
      },
      {
        seq: from + 2,
        kind: 'story_saved',
        article_id: draft.id,
        revision: 2,
        actor_id: asha.accountId,
      },
      {
        seq: from + 3,
        kind: 'note_added',
        article_id: draft.id,
        revision: 2,
        actor_id: ben.accountId,
      },
    ])
  })

  it('answers through the declared calls: input and output as the contract parses them', async () => {
    const handlers = createStoryHandlers(stories)
    const context = {
      principal: asha,
      requestId: 'test',
      remoteAddress: '127.0.0.1',
      signal: new AbortController().signal,
    }
    const draft = draftStory()
    const saved = await handlers.saveStory(
      deskStoryCalls.saveStory.input.parse(JSON.parse(JSON.stringify({ document: draft }))),
      context,
    )
    expect(deskStoryCalls.saveStory.output.parse(saved).revision).toBe(1)
    const query = { id: draft.id, number: '1' }
    const revision = await handlers.getRevision(
      deskStoryCalls.getRevision.input.parse(query),
      context,
    )
    expect(deskStoryCalls.getRevision.output.parse(revision).revision).toBe(1)
    const lease = await handlers.acquireLease({ id: draft.id }, context)
    expect(deskStoryCalls.acquireLease.output.parse(lease).lease.yours).toBe(true)
    expect(await handlers.releaseLease({ id: draft.id }, context)).toEqual({ released: true })
    const page = await handlers.listStories(
      deskStoryCalls.listStories.input.parse({ limit: '3' }),
      context,
    )
    expect(page.stories.length).toBeLessThanOrEqual(3)
    const anonymous = await refusal(
      handlers.getStory({ id: draft.id }, { ...context, principal: null }),
    )
    expect(anonymous.code).toBe('UNAUTHENTICATED')
    expect(deskStoryCalls.listStories.input.safeParse({ limit: '501' }).success).toBe(false)
  })
})

describe('the contract', () => {
  it('declares every story call under /v1/stories', () => {
    for (const call of Object.values(deskStoryCalls)) expect(call.path).toMatch(/^\/v1\/stories/)
  })
})
