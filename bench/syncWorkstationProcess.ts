import { fork, type ChildProcess } from 'node:child_process'
import type { FsOp } from './fsTrace'

/** A desk call seen through a workstation's fetch: when it started and ended (machine time). */
export type DeskCall = { name: string; start: number; end: number }

/** A moment inside a local write: the story's turn taken (`turn`), the article's (`change`), done. */
export type WriteMark = { at: number; what: 'call' | 'turn' | 'change' | 'written' | 'done' }

/** What a workstation process saw between two moments: its desk calls, file calls and write marks. */
export type WindowTrace = { calls: DeskCall[]; ops: FsOp[]; marks: WriteMark[] }

export type FirstSyncResult = {
  seconds: number
  done: number
  rssBefore: number
  peakRss: number
  heapBefore: number
  heapAfter: number
}

/** What the bench process asks a sync workstation process (out/tools/syncWorkstation.js) to do. */
export type SyncCommand =
  | { kind: 'open'; dataDir: string; url: string; account: number; standaloneDir?: string }
  | { kind: 'firstSync' }
  | { kind: 'settled' }
  | { kind: 'saves'; ids: string[]; count: number; pauseMs: number }
  | { kind: 'probe'; id: string; marker: string }
  | { kind: 'arrival'; marker: string }
  | { kind: 'window'; from: number; to: number; id: string }
  | { kind: 'lag'; on: boolean }
  | { kind: 'close' }

/** The answer to each command, by kind. */
export type SyncAnswer = {
  open: null
  firstSync: FirstSyncResult
  settled: null
  saves: { standalone: number[]; joined: number[] }
  probe: { start: number; saved: number }
  arrival: { end: number; id: string }
  window: WindowTrace
  lag: { p99Ms: number; maxMs: number }
  close: null
}

type Envelope = { seq: number; command: SyncCommand }
export type SyncReply = { seq: number; value?: unknown; error?: string }

/**
 * One workstation of the sync bench in a process of its own, as a newsroom runs one per machine:
 * its own event loop and its own four libuv threads. Commands may overlap (B waits for a probe
 * while A saves it); each answer comes back under its command's number.
 */
export class SyncWorkstationProcess {
  private readonly child: ChildProcess
  private seq = 0
  private readonly pending = new Map<number, (reply: SyncReply) => void>()
  private exited: Error | null = null

  constructor(readonly name: string) {
    // Built to out/tools by tools.vite.config.ts; the bench runs from the project's folder.
    this.child = fork('out/tools/syncWorkstation.js', [], {
      serialization: 'advanced',
      execArgv: [],
    })
    this.child.on('message', (reply: SyncReply) => {
      this.pending.get(reply.seq)?.(reply)
      this.pending.delete(reply.seq)
    })
    this.child.on('exit', (code) => {
      this.exited = new Error(`workstation ${name}'s process exited (${code})`)
      for (const answer of this.pending.values()) answer({ seq: -1, error: this.exited.message })
      this.pending.clear()
    })
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  ask<K extends SyncCommand['kind']>(
    command: Extract<SyncCommand, { kind: K }>,
  ): Promise<SyncAnswer[K]> {
    if (this.exited) return Promise.reject(this.exited)
    const seq = (this.seq += 1)
    return new Promise((resolve, reject) => {
      this.pending.set(seq, (reply) => {
        if (reply.error !== undefined) reject(new Error(`workstation ${this.name}: ${reply.error}`))
        // The child answers each kind with its own type (syncWorkstation.ts); IPC erases it.
        else resolve(reply.value as SyncAnswer[K])
      })
      this.child.send({ seq, command } satisfies Envelope)
    })
  }

  /** Closes the workstation (its store and queue written) and ends the process. */
  async stop(): Promise<void> {
    if (this.exited) return
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    await this.ask({ kind: 'close' }).catch(() => undefined)
    this.child.kill()
    await gone
  }
}
