import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHungDesk } from '../../../tests/support/hungDesk'
import { draftStory, edited } from '../../../tests/support/storyDesk'
import { startSyncDesk, type DeskAccount, type SyncDesk } from '../../../tests/support/syncDesk'
import { openSyncWorkstation, until } from '../../../tests/support/syncWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import { createDeskClient } from '../../shared/desk/createDeskClient'
import type { Article } from '../../shared/domain/Article'
import { systemClock } from '../../shared/domain/Clock'
import type { DocNode } from '../../shared/domain/DocNode'
import { AppError } from '../../shared/ipc/AppError'
import { LeaseKeeper, type LeaseTimer } from './LeaseKeeper'

const LONG = 60_000

/** A timer the test fires by hand: what is due, and after how long it was asked for. */
function handTimer() {
  let tasks: { run: () => void; ms: number }[] = []
  const timer: LeaseTimer = (run, ms) => {
    const task = { run, ms }
    tasks.push(task)
    return () => {
      tasks = tasks.filter((t) => t !== task)
    }
  }
  return {
    timer,
    /** The waits asked for and not yet run or cancelled. */
    pending: () => tasks.map((t) => t.ms),
    /** Runs every waiting task once (as if its time had come). */
    fire() {
      const due = tasks
      tasks = []
      for (const task of due) task.run()
    },
  }
}

function keeperFor(account: DeskAccount | null, chief: boolean) {
  const hand = handTimer()
  const keeper = new LeaseKeeper({
    client: () => account?.client ?? null,
    isDeskChief: () => chief,
    clock: systemClock,
    timer: hand.timer,
  })
  return { keeper, hand }
}

function textOf(article: Article): string {
  const walk = (node: DocNode): string =>
    'text' in node && typeof node.text === 'string'
      ? node.text
      : (node.content ?? []).map(walk).join('')
  return walk(article.body)
}

describe('story leases on a joined workstation, against a real desk server (PGlite)', () => {
  let desk: SyncDesk
  let writer: DeskAccount
  let chief: DeskAccount

  beforeAll(async () => {
    desk = await startSyncDesk()
    writer = await desk.signIn('writer', 'Ana Writer')
    chief = await desk.signIn('desk-chief', 'Ben Chief')
  }, 120_000)
  afterAll(async () => {
    await desk?.close()
  })

  it(
    'takes the lease when the editor opens, renews it well before it expires, shows it to others and lets it go on close',
    async () => {
      const story = (await writer.client.saveStory({ document: draftStory() })).document
      const ana = keeperFor(writer, false)
      const ben = keeperFor(chief, true)

      const opened = await ana.keeper.openForEditing(story.id)
      expect(opened.lease).toMatchObject({ state: 'yours' })
      if (opened.lease.state !== 'yours') throw new Error('not yours')
      const leaseMs = Date.parse(opened.lease.expiresAt) - Date.parse(opened.lease.since)
      // One renewal waiting, due at most a third of the lease away: two more tries before it lapses.
      expect(ana.hand.pending()).toHaveLength(1)
      expect(ana.hand.pending()[0]).toBeLessThanOrEqual(leaseMs / 3 + 1)
      await new Promise((resolve) => setTimeout(resolve, 20))
      ana.hand.fire()
      const renewed = await ana.keeper.watchEditing(story.id, opened.version, 10_000)
      expect(renewed.lease).toMatchObject({ state: 'yours', since: opened.lease.since })
      if (renewed.lease.state !== 'yours') throw new Error('not yours')
      expect(renewed.lease.expiresAt > opened.lease.expiresAt).toBe(true)
      expect((await writer.client.getStory({ id: story.id })).lease?.expiresAt).toBe(
        renewed.lease.expiresAt,
      )
      expect(ana.hand.pending()).toHaveLength(1)

      const seen = await ben.keeper.openForEditing(story.id)
      expect(seen.lease).toEqual({
        state: 'held',
        holder: 'Ana Writer',
        since: opened.lease.since,
        canTakeOver: true,
      })
      expect((await ben.keeper.listLeases()).leases).toEqual([
        { storyId: story.id, holder: 'Ana Writer', since: opened.lease.since },
      ])
      expect((await ana.keeper.listLeases()).leases).toEqual([])
      await ben.keeper.closeEditing(story.id)

      expect(await ana.keeper.closeEditing(story.id)).toEqual({ released: true })
      expect(ana.hand.pending()).toEqual([])
      expect((await writer.client.getStory({ id: story.id })).lease).toBeNull()
      // Ben's list is kept a while; the feed's lease change makes it ask again.
      ben.keeper.leaseChanged(story.id)
      expect((await ben.keeper.listLeases()).leases).toEqual([])
    },
    LONG,
  )

  it(
    'lists a lease taken on another workstation from the desk’s list of live leases alone (bug: every 15 s it read the whole story list, 20 pages at 10,000 stories)',
    async () => {
      const story = (await writer.client.saveStory({ document: draftStory() })).document
      const ana = keeperFor(writer, false)
      const opened = await ana.keeper.openForEditing(story.id)
      if (opened.lease.state !== 'yours') throw new Error('not yours')
      const asked: string[] = []
      const logged: typeof fetch = (input, init) => {
        asked.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`)
        return fetch(input, init)
      }
      const ben = keeperFor(
        {
          ...chief,
          client: createDeskClient({ baseUrl: desk.url, fetch: logged, token: () => chief.token }),
        },
        true,
      )
      const { leases } = await ben.keeper.listLeases()
      expect(leases).toContainEqual({
        storyId: story.id,
        holder: 'Ana Writer',
        since: opened.lease.since,
      })
      expect(asked).toEqual(['GET /v1/stories/leases'])
      // Its own lease is not "someone else editing" on Ana's workstation.
      expect((await ana.keeper.listLeases()).leases.map((lease) => lease.storyId)).not.toContain(
        story.id,
      )
      await ana.keeper.closeEditing(story.id)
      ben.keeper.leaseChanged(story.id)
      expect((await ben.keeper.listLeases()).leases.map((lease) => lease.storyId)).not.toContain(
        story.id,
      )
    },
    LONG,
  )

  it(
    'a desk chief takes a story over: the writer learns it from the feed, turns read-only, and the text not yet synced becomes a version',
    async () => {
      const dir = await tempDir('copydesk-lease-ws-')
      const ana = keeperFor(writer, false)
      const ws = await openSyncWorkstation(dir.path, writer.client, {
        onLeaseChanged: (id) => ana.keeper.leaseChanged(id),
      })
      try {
        ws.engine.start()
        await until(() => ws.engine.status().firstSync.finished)
        const story = (await writer.client.saveStory({ document: draftStory() })).document
        await until(async () => (await ws.local.list()).some((s) => s.id === story.id))
        const opened = await ana.keeper.openForEditing(story.id)
        expect(opened.lease.state).toBe('yours')

        // Typed while the desk is down: acknowledged locally, waiting in the queue.
        await desk.stop()
        const local = await ws.repository.get(story.id)
        await ws.repository.update(story.id, local.revision, (article) => ({
          ...edited(article, 'Ana typed this on the train.'),
          revision: article.revision + 1,
        }))
        await until(() => ws.engine.status().connection === 'offline')
        // The chief takes it before the writer's save reaches the desk.
        await ws.engine.stop()
        await desk.restart()
        const ben = keeperFor(chief, true)
        const taken = await ben.keeper.takeOverLease(story.id, 'Needed for the 15:00 edition')
        expect(taken.lease).toMatchObject({ state: 'yours' })

        ws.engine.start()
        await until(
          async () =>
            (await ana.keeper.watchEditing(story.id, opened.version, 0)).lease.state ===
            'taken-over',
        )
        const told = await ana.keeper.watchEditing(story.id, 0, 0)
        expect(told.lease).toMatchObject({
          state: 'taken-over',
          takenBy: 'Ben Chief',
          note: 'Needed for the 15:00 edition',
        })
        // No renewal after a take-over: the editor stays read-only until opened again.
        expect(ana.hand.pending()).toEqual([])

        await until(() => ws.conflicts.length > 0 && ws.queue.length === 0)
        expect(ws.conflicts[0]).toMatchObject({ storyId: story.id, reason: 'lease_taken_over' })
        const copy = await ws.history.readSnapshot(story.id, ws.conflicts[0]?.copySeq ?? 0)
        expect(textOf(copy)).toBe('Ana typed this on the train.')
        await ana.keeper.closeEditing(story.id)
        await ben.keeper.closeEditing(story.id)
      } finally {
        await ws.close()
        await dir.cleanup()
      }
    },
    LONG,
  )

  it(
    'a renewal refused after a take-over tells the writer who took it and when',
    async () => {
      const story = (await writer.client.saveStory({ document: draftStory() })).document
      const ana = keeperFor(writer, false)
      const opened = await ana.keeper.openForEditing(story.id)
      await chief.client.takeOverLease({ id: story.id, note: 'Desk needs it' })
      ana.hand.fire()
      const told = await ana.keeper.watchEditing(story.id, opened.version, 10_000)
      expect(told.lease).toMatchObject({
        state: 'taken-over',
        takenBy: 'Ben Chief',
        note: 'Desk needs it',
      })
      await chief.client.releaseLease({ id: story.id })
      await ana.keeper.closeEditing(story.id)
    },
    LONG,
  )

  it(
    'offline the editor keeps editing and says the lease could not be taken; back online it takes it',
    async () => {
      const story = (await writer.client.saveStory({ document: draftStory() })).document
      const ana = keeperFor(writer, false)
      await desk.stop()
      try {
        const opened = await ana.keeper.openForEditing(story.id)
        expect(opened.lease.state).toBe('offline')
        expect(ana.hand.pending()).toHaveLength(1)
      } finally {
        await desk.restart()
      }
      ana.hand.fire()
      const back = await ana.keeper.watchEditing(story.id, 0, 10_000)
      await until(
        async () => (await ana.keeper.watchEditing(story.id, 0, 0)).lease.state === 'yours',
      )
      expect(back.storyId).toBe(story.id)
      expect((await writer.client.getStory({ id: story.id })).lease?.holder.name).toBe('Ana Writer')
      await ana.keeper.closeEditing(story.id)
    },
    LONG,
  )

  it(
    'a desk that takes the request and never answers: the editor says the desk did not answer, edits on, and the keeper tries again',
    async () => {
      const story = (await writer.client.saveStory({ document: draftStory() })).document
      const hung = await startHungDesk()
      try {
        const client = createDeskClient({
          baseUrl: hung.url,
          fetch,
          token: () => writer.token,
          timeouts: { callMs: 100 },
        })
        const ana = keeperFor({ ...writer, client }, false)
        const opened = await ana.keeper.openForEditing(story.id)
        expect(opened.lease).toEqual({
          state: 'offline',
          reason: `The desk at ${hung.url} did not answer acquireLease within 0.1 s.`,
        })
        expect(ana.hand.pending()).toEqual([15_000])
        expect((await ana.keeper.listLeases()).leases).toEqual([])
        await ana.keeper.closeEditing(story.id)
      } finally {
        await hung.close()
      }
    },
    LONG,
  )

  it(
    'only a desk chief takes over; a story not on the desk yet is edited freely; a standalone workstation changes nothing',
    async () => {
      const story = (await writer.client.saveStory({ document: draftStory() })).document
      await chief.client.acquireLease({ id: story.id })
      const asWriter = keeperFor(writer, false)
      expect((await asWriter.keeper.openForEditing(story.id)).lease).toMatchObject({
        state: 'held',
        holder: 'Ben Chief',
        canTakeOver: false,
      })
      const refused = await asWriter.keeper.takeOverLease(story.id, 'mine').catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(AppError)
      expect(refused).toMatchObject({ code: 'FORBIDDEN' })
      // A workstation that thinks it is a chief is still refused by the desk.
      const claims = keeperFor(writer, true)
      await expect(claims.keeper.takeOverLease(story.id, 'mine')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await asWriter.keeper.closeEditing(story.id)
      await chief.client.releaseLease({ id: story.id })

      const fresh = draftStory()
      expect((await asWriter.keeper.openForEditing(fresh.id)).lease).toEqual({
        state: 'not-on-desk',
      })
      await asWriter.keeper.closeEditing(fresh.id)

      const alone = keeperFor(null, false)
      expect((await alone.keeper.openForEditing(story.id)).lease).toEqual({ state: 'standalone' })
      expect(alone.hand.pending()).toEqual([])
      expect((await alone.keeper.listLeases()).leases).toEqual([])
      await expect(alone.keeper.takeOverLease(story.id, 'x')).rejects.toMatchObject({
        code: 'REFUSED',
      })
      expect(await alone.keeper.closeEditing(story.id)).toEqual({ released: false })
    },
    LONG,
  )
})
