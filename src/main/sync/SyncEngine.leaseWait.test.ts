import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  draftStory,
  edited,
  movableClock,
  type MovableClock,
} from '../../../tests/support/storyDesk'
import { startSyncDesk, type DeskAccount, type SyncDesk } from '../../../tests/support/syncDesk'
import {
  openSyncWorkstation,
  until,
  type SyncWorkstation,
} from '../../../tests/support/syncWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import type { Article } from '../../shared/domain/Article'
import { systemClock } from '../../shared/domain/Clock'
import type { DocNode } from '../../shared/domain/DocNode'
import { describeSyncStatus } from '../../shared/domain/SyncStatus'
import { openWorkstation } from '../openWorkstation'
import type { LeaseTimer } from './LeaseKeeper'

const LONG = 60_000
const time = (iso: string) => iso.slice(11, 16)

function textOf(article: Article): string {
  const walk = (node: DocNode): string =>
    'text' in node && typeof node.text === 'string'
      ? node.text
      : (node.content ?? []).map(walk).join('')
  return walk(article.body)
}

/** Timers on the test's clock: a task runs when the clock is moved past its time, as setTimeout would. */
function clockTimers(clock: MovableClock) {
  let tasks: { run: () => void; at: number }[] = []
  const timer: LeaseTimer = (run, ms) => {
    const task = { run, at: clock.now().getTime() + ms }
    tasks.push(task)
    return () => {
      tasks = tasks.filter((t) => t !== task)
    }
  }
  return {
    timer,
    /** How long each waiting task has left, in ms. */
    pending: () => tasks.map((task) => task.at - clock.now().getTime()),
    advance(seconds: number) {
      clock.advance(seconds)
      const now = clock.now().getTime()
      const due = tasks.filter((task) => task.at <= now)
      tasks = tasks.filter((task) => task.at > now)
      for (const task of due) task.run()
    },
  }
}

/**
 * Bug pinned: a queued save the desk refused because another person's edit lease was live on the
 * story (a colleague who opened it a moment, a lease left to lapse by a laptop closed offline) was
 * treated as refused for good: its text set aside as a "refused" copy and dropped from the queue.
 */
describe('a save held back by another person’s edit lease waits for it, against a real desk (PGlite)', () => {
  const clock = movableClock(systemClock.now().toISOString())
  let desk: SyncDesk
  let writer: DeskAccount
  let chief: DeskAccount
  let colleague: DeskAccount
  const opened: SyncWorkstation[] = []
  const folders: (() => Promise<void>)[] = []

  beforeAll(async () => {
    desk = await startSyncDesk({ clock })
    writer = await desk.signIn('writer', 'Asha Writer')
    chief = await desk.signIn('desk-chief', 'Ben Chief')
    colleague = await desk.signIn('writer', 'Cleo Writer')
  }, 120_000)
  afterEach(async () => {
    for (const ws of opened.splice(0)) await ws.close()
  })
  afterAll(async () => {
    for (const cleanup of folders) await cleanup()
    await desk?.close()
  })

  async function folder(): Promise<string> {
    const dir = await tempDir('copydesk-lease-wait-')
    folders.push(dir.cleanup)
    return dir.path
  }
  async function workstation(dir: string, timers: ReturnType<typeof clockTimers>) {
    const ws = await openSyncWorkstation(dir, writer.client, { clock, leaseTimer: timers.timer })
    opened.push(ws)
    return ws
  }
  async function closed(ws: SyncWorkstation): Promise<void> {
    opened.splice(opened.indexOf(ws), 1)
    await ws.close()
  }
  async function save(ws: SyncWorkstation, id: string, text: string): Promise<void> {
    const current = await ws.repository.get(id)
    await ws.repository.update(id, current.revision, (article) => ({
      ...edited(article, text),
      revision: article.revision + 1,
    }))
  }
  /** A story on the desk and on the workstation, the workstation then stopped (offline). */
  async function storyOnBoth(ws: SyncWorkstation, headline: string): Promise<string> {
    const story = await ws.repository.create(draftStory({ headline }))
    ws.engine.start()
    await until(() => ws.queue.length === 0)
    await ws.engine.stop()
    return story.id
  }
  const words = (ws: SyncWorkstation) => describeSyncStatus(ws.engine.status(), time)
  const onDesk = (id: string) => writer.client.getStory({ id })

  it(
    'waits, saying for whom and until when, while the holder edits; the holder closes the story and the save goes in (a restart meanwhile keeps waiting)',
    async () => {
      const timers = clockTimers(clock)
      const dir = await folder()
      const ws = await workstation(dir, timers)
      const id = await storyOnBoth(ws, 'Council approves the new bridge')
      await save(ws, id, 'Written on the train.')
      const { lease } = await chief.client.acquireLease({ id })
      const { last } = await writer.client.listChanges({ since: 0 })

      ws.engine.start()
      // The feed's word of the chief's lease heard too: the wait is the one the desk's answer set.
      await until(() => words(ws).startsWith('Waiting') && ws.cursor.seq >= last)
      expect(words(ws)).toBe(
        `Waiting for Ben Chief to finish editing “Council approves the new bridge” (until ${time(lease.expiresAt)})`,
      )
      expect(ws.engine.status().refused).toBeNull()
      expect(ws.conflicts).toEqual([])
      expect(ws.queue.pendingFor(id)).toBe(true)
      expect((await onDesk(id)).revision).toBe(1)
      // The lease's end, by the desk's reckoning, and a little more.
      expect(timers.pending()).toEqual([120_000 + 1000])

      await closed(ws)
      const again = await workstation(dir, timers)
      again.engine.start()
      await until(() => words(again).startsWith('Waiting for Ben Chief'))
      expect(again.queue.pendingFor(id)).toBe(true)

      await chief.client.releaseLease({ id })
      await until(() => again.queue.length === 0)
      const story = await onDesk(id)
      expect(story.revision).toBe(2)
      expect(textOf(story.document)).toBe('Written on the train.')
      expect(story.savedBy.name).toBe('Asha Writer')
      expect(again.conflicts).toEqual([])
      expect(again.engine.status().leaseWaits).toEqual([])
      await until(() => words(again) === 'Online')
      const history = await again.history.read(id)
      expect(history.revisions.filter((r) => r.reason === 'conflict-copy')).toEqual([])
    },
    LONG,
  )

  it(
    'a lease left to lapse (its holder went offline without letting go): once the clock passes its end, the save goes in',
    async () => {
      const timers = clockTimers(clock)
      const ws = await workstation(await folder(), timers)
      const id = await storyOnBoth(ws, 'Bridge vote delayed')
      await save(ws, id, 'Filed while the lease was still live.')
      await colleague.client.acquireLease({ id })

      ws.engine.start()
      await until(() => words(ws).startsWith('Waiting for Cleo Writer'))
      timers.advance(60)
      // Half way: still the colleague's, still waiting (the feed may have had it ask once more).
      await until(() => words(ws).startsWith('Waiting for Cleo Writer'))
      expect((await onDesk(id)).revision).toBe(1)
      timers.advance(62)
      await until(() => ws.queue.length === 0)
      const story = await onDesk(id)
      expect(story.revision).toBe(2)
      expect(textOf(story.document)).toBe('Filed while the lease was still live.')
      expect(ws.conflicts).toEqual([])
      expect(ws.engine.status().refused).toBeNull()
    },
    LONG,
  )

  it(
    'other stories’ changes go ahead of the waiting one; its own later changes (a submit) wait behind it and follow it in',
    async () => {
      const timers = clockTimers(clock)
      const ws = await workstation(await folder(), timers)
      const held = await storyOnBoth(ws, 'Held story')
      const free = await storyOnBoth(ws, 'Free story')
      await save(ws, held, 'Held story, second take.')
      expect(await ws.engine.transition(held, 'submit')).toEqual({ queued: true })
      await save(ws, free, 'Free story, second take.')
      await chief.client.acquireLease({ id: held })

      ws.engine.start()
      await until(async () => (await onDesk(free)).revision === 2 && !ws.queue.pendingFor(free))
      expect(textOf((await onDesk(free)).document)).toBe('Free story, second take.')
      await until(() =>
        words(ws).startsWith('Waiting for Ben Chief to finish editing “Held story”'),
      )
      expect(ws.queue.entries.map((entry) => [entry.storyId === held, entry.kind])).toEqual([
        [true, 'save'],
        [true, 'transition'],
      ])
      expect((await onDesk(held)).status).toBe('draft')

      await chief.client.releaseLease({ id: held })
      await until(() => ws.queue.length === 0)
      const story = await onDesk(held)
      expect(textOf(story.document)).toBe('Held story, second take.')
      expect(story.status).toBe('submitted')
      expect(ws.conflicts).toEqual([])
    },
    LONG,
  )

  it(
    'a lease taken over from this workstation is not waited for: the save is kept as a copy and the writer told, while a save held by a colleague’s lease waits',
    async () => {
      const timers = clockTimers(clock)
      const ws = await workstation(await folder(), timers)
      const taken = await storyOnBoth(ws, 'Taken story')
      const held = await storyOnBoth(ws, 'Colleague’s story')
      await writer.client.acquireLease({ id: taken })
      await save(ws, taken, 'Mine, written before the take-over reached me.')
      await save(ws, held, 'Mine, written while Cleo had it open.')
      await chief.client.takeOverLease({ id: taken, note: 'Breaking news, I need it now' })
      await colleague.client.acquireLease({ id: held })

      ws.engine.start()
      await until(() => ws.conflicts.length === 1 && words(ws).startsWith('Waiting'))
      expect(ws.conflicts[0]).toMatchObject({ storyId: taken, reason: 'lease_taken_over' })
      const kept = await ws.history.readSnapshot(taken, ws.conflicts[0]?.copySeq ?? 0)
      expect(textOf(kept)).toBe('Mine, written before the take-over reached me.')
      const copies = await chief.client.listKeptCopies({ id: taken })
      expect(copies.copies.map((copy) => copy.savedBy.name)).toEqual(['Asha Writer'])
      expect((await onDesk(taken)).revision).toBe(1)
      expect(ws.queue.pendingFor(taken)).toBe(false)
      expect(words(ws)).toMatch(/^Waiting for Cleo Writer to finish editing “Colleague’s story”/)
      expect(ws.queue.pendingFor(held)).toBe(true)

      await colleague.client.releaseLease({ id: held })
      await until(() => ws.queue.length === 0)
      expect(textOf((await onDesk(held)).document)).toBe('Mine, written while Cleo had it open.')
      expect(ws.conflicts).toHaveLength(1)
    },
    LONG,
  )

  it(
    'the command line: a save held by the chief’s lease is not refused; the command says whose lease it waits for, and a later command sends it',
    async () => {
      const dataDir = await folder()
      const ws = await openWorkstation({ dataDir, host: 'cli', version: 'test', runSync: false })
      try {
        await ws.client.joinDesk({ url: desk.url, ...(await desk.account('writer', 'Cal Line')) })
        const story = await ws.client.createArticle({
          fields: { headline: 'Ferry fares rise', body: draftStory().body },
        })
        expect(await ws.sync.flush(10_000)).toBeNull()
        const { lease } = await chief.client.acquireLease({ id: story.id })
        const current = await ws.client.getArticle({ id: story.id })
        await ws.client.saveArticle({
          id: story.id,
          baseRevision: current.revision,
          changes: { body: edited(current, 'Fares rise by a tenth.').body },
        })
        const before = systemClock.now().getTime()
        const said = await ws.sync.flush(10_000)
        const after = systemClock.now().getTime()
        expect(said).toMatch(
          /^1 change kept on this computer: waiting for Ben Chief to finish editing “Ferry fares rise” \(until \d\d:\d\d UTC\); the next copydesk command, or the app, sends it then\.$/,
        )
        const { status } = await ws.client.watchSync({ after: 0 })
        expect(status?.refused).toBeNull()
        // This workstation's clock (the computer's) is not the desk's (moved on by the tests above):
        // the lease's end is how long the desk said it had left, counted on this computer's clock.
        const left = Date.parse(lease.expiresAt) - clock.now().getTime()
        const until = Date.parse(status?.leaseWaits?.[0]?.until ?? '')
        expect(until).toBeGreaterThanOrEqual(before + left)
        expect(until).toBeLessThanOrEqual(after + left)
        expect((await onDesk(story.id)).revision).toBe(1)

        await chief.client.releaseLease({ id: story.id })
        expect(await ws.sync.flush(10_000)).toBeNull()
        expect(textOf((await onDesk(story.id)).document)).toBe('Fares rise by a tenth.')
      } finally {
        await ws.close()
      }
    },
    LONG,
  )
})
