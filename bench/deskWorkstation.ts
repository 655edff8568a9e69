import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { DeskChange } from '../src/shared/desk/calls/deskFeedCalls'
import { createDeskClient, type DeskClient } from '../src/shared/desk/createDeskClient'
import { DeskError } from '../src/shared/desk/DeskError'
import type { Article } from '../src/shared/domain/Article'
import { newArticle } from '../src/shared/domain/newArticle'

/** Milliseconds on a clock every process on this machine shares (performance.now() starts per process). */
export const machineMs = (): number => performance.timeOrigin + performance.now()

/** One measured save: `article:revision`, when its call started, and the server it went to. */
export type MeasuredSave = [key: string, at: number, server: number]

/** What one workstation process saw in a measured run, for the bench process to merge. */
export type TrackerResult = {
  requests: number
  saveMs: number[]
  measuredSaves: MeasuredSave[]
  /** `article:revision` → when it reached a workstation (not its own) and that workstation's server. */
  arrivals: [key: string, times: [at: number, server: number][]][]
  errors: [code: string, count: number][]
}

/**
 * Who saved what when, and who heard of it when, in one workstation process: saves and arrivals
 * are kept with their machine time, so the bench process can pair a save made in one process with
 * its deliveries in every other.
 */
export class DeskTracker {
  /** Saves started while this is on are measured. */
  measuring = false
  /** Arrivals are kept while this is on (from the window's start until the drain ends). */
  collecting = false
  requests = 0
  readonly saveMs: number[] = []
  readonly measuredSaves: MeasuredSave[] = []
  readonly errors = new Map<string, number>()
  private readonly starts = new Map<string, { at: number; server: number; measured: boolean }>()
  private readonly arrivals = new Map<string, [number, number][]>()

  /** A save is about to start (its machine time is the propagation's start). */
  saveStarting(articleId: string, revision: number, server: number): number {
    const at = machineMs()
    this.starts.set(`${articleId}:${revision}`, { at, server, measured: this.measuring })
    return at
  }

  saveDone(articleId: string, revision: number, startedAt: number): void {
    const key = `${articleId}:${revision}`
    const start = this.starts.get(key)
    this.starts.delete(key)
    if (start?.measured !== true) return
    this.saveMs.push(machineMs() - startedAt)
    this.measuredSaves.push([key, start.at, start.server])
  }

  saveFailed(articleId: string, revision: number, error: unknown): void {
    this.starts.delete(`${articleId}:${revision}`)
    this.countError(error)
  }

  /** `change` reached a workstation on `server` whose own story is `ownStory` (its own saves are not pairs). */
  delivered(change: DeskChange, server: number, ownStory: string | undefined): void {
    if (!this.collecting) return
    if (change.kind !== 'story_saved' || change.articleId === null || change.revision === null)
      return
    if (change.articleId === ownStory) return
    const key = `${change.articleId}:${change.revision}`
    const list = this.arrivals.get(key) ?? []
    list.push([machineMs(), server])
    this.arrivals.set(key, list)
  }

  countError(error: unknown): void {
    const code = error instanceof DeskError ? error.code : 'EXCEPTION'
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1)
  }

  /** Forgets the last run: a new one starts. */
  reset(): void {
    this.measuring = false
    this.collecting = false
    this.requests = 0
    this.saveMs.length = 0
    this.measuredSaves.length = 0
    this.errors.clear()
    this.starts.clear()
    this.arrivals.clear()
  }

  result(): TrackerResult {
    return {
      requests: this.requests,
      saveMs: this.saveMs,
      measuredSaves: this.measuredSaves,
      arrivals: [...this.arrivals],
      errors: [...this.errors],
    }
  }
}

/** `fetch` that counts the requests answered while the tracker measures. */
export function countingFetch(tracker: DeskTracker): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init)
    if (tracker.measuring) tracker.requests += 1
    return response
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const stop = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop)
      resolve()
    }, ms)
    signal.addEventListener('abort', stop, { once: true })
  })

/**
 * One simulated workstation through the real typed client: signed in as its own account, it owns
 * a story, saves it every few seconds on its base revision and follows the desk's feed (its stream,
 * or long polls).
 */
export class BenchWorkstation {
  private token: string | null = null
  private story: Article | null = null
  private revision = 0
  private client: DeskClient
  private since = 0
  private server = 0

  constructor(
    readonly email: string,
    private readonly fetchImpl: typeof fetch,
    baseUrl: string,
  ) {
    this.client = this.clientFor(baseUrl)
  }

  /** Talks to another server process of the same desk from now on (the token is the desk's). */
  useServer(baseUrl: string, index: number): void {
    this.client = this.clientFor(baseUrl)
    this.server = index
  }

  async signIn(password: string): Promise<void> {
    const session = await this.client.signIn({
      email: this.email,
      password,
      deviceName: `Bench workstation ${this.email}`,
    })
    this.token = session.token
  }

  /** Its story on the desk (revision 1), leased to this device as an open editor holds it. */
  async createStory(): Promise<void> {
    const draft = newArticle({
      id: randomUUID(),
      author: this.email,
      now: '2026-12-01T09:00:00.000Z',
      fields: {
        headline: `Bench story of ${this.email}`,
        dateline: { place: 'Lagos', date: '2026-12-01' },
        byline: [this.email],
        body: paragraphs('First take.'),
      },
    })
    const view = await this.client.saveStory({ document: draft })
    this.story = view.document
    this.revision = view.revision
    await this.client.acquireLease({ id: draft.id })
  }

  /** Follows the feed from now: changes before this are not the bench's. */
  async catchUp(): Promise<void> {
    const page = await this.client.listChanges({ since: this.since })
    this.since = page.last
  }

  /** Saves every `minMs`..`maxMs` (uniform) until the signal. */
  async saveLoop(
    tracker: DeskTracker,
    signal: AbortSignal,
    minMs: number,
    maxMs: number,
  ): Promise<void> {
    const story = this.story
    if (story === null) throw new Error('createStory first')
    // Spread the first saves over one interval, as workstations are not in step.
    await sleep(Math.random() * maxMs, signal)
    while (!signal.aborted) {
      const next = this.revision + 1
      const document = { ...story, body: paragraphs(`Take ${next}: the council voted again.`) }
      const startedAt = tracker.saveStarting(story.id, next, this.server)
      try {
        const view = await this.client.saveStory({ document, baseRevision: this.revision })
        this.revision = view.revision
        tracker.saveDone(story.id, next, startedAt)
      } catch (error) {
        tracker.saveFailed(story.id, next, error)
        if (error instanceof DeskError && error.code === 'CONFLICT')
          this.revision = (await this.client.getStory({ id: story.id })).revision
      }
      await sleep(minMs + Math.random() * (maxMs - minMs), signal)
    }
  }

  /** Long polls the feed until the signal; every change heard is handed to the tracker. */
  async feedLoop(tracker: DeskTracker, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const page = await this.client.listChanges({ since: this.since, wait: 25 }, { signal })
        for (const change of page.changes) tracker.delivered(change, this.server, this.story?.id)
        this.since = page.next
      } catch (error) {
        if (signal.aborted) return
        tracker.countError(error)
        await sleep(1000, signal)
      }
    }
  }

  /** Follows the feed's stream until the signal, following again from its cursor when it ends. */
  async followLoop(tracker: DeskTracker, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.client.followChanges(
          { since: this.since },
          {
            signal,
            onEvent: (page) => {
              for (const change of page.changes)
                tracker.delivered(change, this.server, this.story?.id)
              this.since = page.next
            },
          },
        )
      } catch (error) {
        if (signal.aborted) return
        tracker.countError(error)
        await sleep(1000, signal)
      }
    }
  }

  private clientFor(baseUrl: string): DeskClient {
    return createDeskClient({ baseUrl, fetch: this.fetchImpl, token: () => this.token })
  }
}

function paragraphs(text: string): Article['body'] {
  return {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text }] },
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'The bridge will open next spring, the mayor said.' }],
      },
    ],
  }
}
