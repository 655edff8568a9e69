import { afterAll, beforeAll, expect, it } from 'vitest'
import { eachDeskEngine, type DeskDatabase } from '../../../tests/support/eachDeskEngine'
import type { Db } from '../db/Db'
import { ChangeFeed } from './ChangeFeed'

/** Resolves once `done()` holds, checking between turns of the event loop (no time is asserted). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5))
}

/** A change as a writing transaction makes it: record_change() is its last statement (and NOTIFYs). */
async function recordChange(db: Db, kind = 'test'): Promise<number> {
  const [row] = await db.query('select record_change($1, null, null, null) as seq', [kind])
  return Number(row?.seq)
}

/** A change whose NOTIFY is lost: numbered like record_change() does, but nothing is notified. */
async function recordChangeSilently(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query(
      'update change_counter set last_seq = last_seq + 1 returning last_seq',
    )
    const seq = Number(row?.last_seq)
    await tx.query(`insert into changes (seq, kind) values ($1, 'silent')`, [seq])
    return seq
  })
}

/** The Db with its reads of the changes table counted. */
function countingReads(db: Db): { db: Db; reads: () => number } {
  let reads = 0
  return {
    db: {
      ...db,
      query: (text, params) => {
        if (/from changes/.test(text)) reads += 1
        return db.query(text, params)
      },
    },
    reads: () => reads,
  }
}

eachDeskEngine('change feed', (open) => {
  let desk: DeskDatabase
  let counted: ReturnType<typeof countingReads>
  // Only a NOTIFY (or a reconnect) wakes this one: its periodic re-read is an hour away.
  let feed: ChangeFeed
  beforeAll(async () => {
    desk = await open()
    counted = countingReads(desk.db)
    feed = await ChangeFeed.start({ db: counted.db, rereadMs: 3_600_000 })
  })
  afterAll(() => feed?.stop())

  it('answers at once with the changes after `since`, numbered in order, and the desk’s last seq', async () => {
    const before = (await feed.read(0)).last
    const first = await recordChange(desk.other, 'first')
    const second = await recordChange(desk.other, 'second')
    const page = await feed.changes(before, 10, new AbortController().signal)
    expect(page.changes.map((c) => [c.seq, c.kind])).toEqual([
      [first, 'first'],
      [second, 'second'],
    ])
    expect(page).toMatchObject({ next: second, last: second })
    expect(page.changes[0]).toMatchObject({ articleId: null, revision: null, actorId: null })
    expect(Date.parse(page.changes[0]?.at ?? '')).not.toBeNaN()
    // From the middle: only what came after.
    expect((await feed.read(first)).changes.map((c) => c.seq)).toEqual([second])
  })

  it('pages 500 at a time, `last` telling the caller more are waiting', async () => {
    const before = (await feed.read(0)).last
    await desk.other.query(
      `select record_change('bulk', null, null, null) from generate_series(1, 501)`,
    )
    const page = await feed.read(before)
    expect(page.changes).toHaveLength(500)
    expect(page.next).toBe(before + 500)
    expect(page.last).toBe(before + 501)
    expect((await feed.read(page.next)).changes.map((c) => c.seq)).toEqual([before + 501])
  })

  it('waits when there is nothing yet, and a change made through another connection wakes it', async () => {
    const since = (await feed.read(0)).last
    const answer = feed.changes(since, 25, new AbortController().signal)
    await until(() => feed.parked === 1)
    const seq = await recordChange(desk.other)
    const page = await answer
    expect(page.changes.map((c) => c.seq)).toEqual([seq])
    expect(feed.parked).toBe(0)
  })

  it('coalesces: one NOTIFY wakes every parked request with one read of the table', async () => {
    const since = (await feed.read(0)).last
    const answers = Array.from({ length: 8 }, () =>
      feed.changes(since, 25, new AbortController().signal),
    )
    await until(() => feed.parked === 8)
    const readsBefore = counted.reads()
    const seq = await recordChange(desk.other)
    const pages = await Promise.all(answers)
    for (const page of pages) expect(page.changes.map((c) => c.seq)).toEqual([seq])
    expect(counted.reads() - readsBefore).toBe(1)
  })

  it('gives each parked request only what is after its own `since`', async () => {
    const since = (await feed.read(0)).last
    const behind = feed.changes(since, 25, new AbortController().signal)
    // A caller that already knows of one more change than this read: it waits for the one after.
    const ahead = feed.changes(since + 1, 25, new AbortController().signal)
    await until(() => feed.parked === 2)
    const first = await recordChange(desk.other)
    const second = await recordChange(desk.other)
    expect((await behind).changes.map((c) => c.seq)[0]).toBe(first)
    expect((await ahead).changes.map((c) => c.seq)).toEqual([second])
  })

  it('stops waiting when the caller aborts (the client went away), answering nothing', async () => {
    const since = (await feed.read(0)).last
    const abort = new AbortController()
    const answer = feed.changes(since, 25, abort.signal)
    await until(() => feed.parked === 1)
    abort.abort()
    expect(await answer).toMatchObject({ changes: [], next: since })
    expect(feed.parked).toBe(0)
  })

  it('answers nothing when the wait runs out', async () => {
    const since = (await feed.read(0)).last
    expect(await feed.changes(since, 1, new AbortController().signal)).toEqual({
      changes: [],
      next: since,
      last: since,
    })
  })

  it('refuses a request past the cap on parked requests, UNAVAILABLE with a retry time', async () => {
    const capped = await ChangeFeed.start({ db: desk.db, maxParked: 2, rereadMs: 3_600_000 })
    try {
      const since = (await capped.read(0)).last
      const parked = [1, 2].map(() => capped.changes(since, 25, new AbortController().signal))
      await until(() => capped.parked === 2)
      await expect(capped.changes(since, 25, new AbortController().signal)).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        details: { retryAfterSeconds: 1 },
      })
      // Stopping the feed (a server shutting down) ends the parked ones with nothing.
      await capped.stop()
      for (const page of await Promise.all(parked)) expect(page.changes).toEqual([])
    } finally {
      await capped.stop()
    }
  })

  it('answers re-polls from its latest read: a caught-up request parks and one behind is served without reading the table (bug: every re-poll of every workstation read the table twice)', async () => {
    // Let earlier tests' NOTIFYs arrive, then settle on a read.
    await new Promise((resolve) => setTimeout(resolve, 100))
    const base = (await feed.read(0)).last
    const readsBefore = counted.reads()
    const caughtUp = feed.changes(base, 10, new AbortController().signal)
    await until(() => feed.parked === 1)
    expect(counted.reads()).toBe(readsBefore)
    // Two changes in one transaction: one commit makes both visible.
    await desk.other.query(
      `select record_change('one of two', null, null, null) from generate_series(1, 2)`,
    )
    const woken = await caughtUp
    const [first, second] = woken.changes.map((c) => c.seq)
    expect(woken.changes.map((c) => c.kind)).toEqual(['one of two', 'one of two'])
    const afterWake = counted.reads()
    // Other workstations still at `base`, or between the two: from memory.
    const behind = await feed.changes(base, 10, new AbortController().signal)
    expect(behind.changes.map((c) => c.seq)).toEqual([first, second])
    const between = await feed.changes(first ?? 0, 10, new AbortController().signal)
    expect(between).toMatchObject({ changes: [{ seq: second }], next: second })
    expect(counted.reads()).toBe(afterWake)
    // Nothing is lost: a read of the table agrees.
    expect((await feed.read(base)).changes.map((c) => c.seq)).toEqual([first, second])
  })

  it('finds a change whose NOTIFY was lost by its periodic re-read', async () => {
    const rereading = await ChangeFeed.start({ db: desk.db, rereadMs: 100 })
    try {
      const since = (await rereading.read(0)).last
      const answer = rereading.changes(since, 25, new AbortController().signal)
      await until(() => rereading.parked === 1)
      const seq = await recordChangeSilently(desk.other)
      expect((await answer).changes.map((c) => [c.seq, c.kind])).toEqual([[seq, 'silent']])
    } finally {
      await rereading.stop()
    }
  })
  it('parks at most 4 long polls per device, refusing one more UNAVAILABLE with a retry time, while other devices still park (bug: one device could take all 2,000 slots)', async () => {
    const since = (await feed.read(0)).last
    const stop = new AbortController()
    const parkedBefore = feed.parked
    const mine = [1, 2, 3, 4].map(() => feed.changes(since, 60, stop.signal, 'device-a'))
    await until(() => feed.parked === parkedBefore + 4)
    await expect(feed.changes(since, 60, stop.signal, 'device-a')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      details: { retryAfterSeconds: 1 },
    })
    const other = feed.changes(since, 60, stop.signal, 'device-b')
    await until(() => feed.parked === parkedBefore + 5)
    // One of the device's requests answered: it may park another.
    const first = new AbortController()
    const seq = await recordChange(desk.other, 'per-device')
    for (const page of await Promise.all([...mine, other]))
      expect(page.changes.map((change) => change.seq)).toEqual([seq])
    const again = feed.changes(seq, 60, first.signal, 'device-a')
    await until(() => feed.parked === parkedBefore + 1)
    first.abort()
    expect((await again).changes).toEqual([])
    expect(feed.parked).toBe(parkedBefore)
  })
})
