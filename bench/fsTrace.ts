import fsPromises, { type FileHandle } from 'node:fs/promises'
import { syncBuiltinESMExports } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { machineMs } from './deskWorkstation'

/**
 * One file-system call as this process saw it: from the call until its promise settled (the wait
 * for one of libuv's threads included), on the machine's clock. `busy`: calls of this process
 * already on their way when it started (libuv has four threads; a fifth waits).
 */
export type FsOp = { op: string; path: string; start: number; end: number; busy: number }

/** Calls kept (the oldest go first): a run's probes need only the last few seconds'. */
const KEPT = 50_000

const MODULE_CALLS = [
  'open',
  'rename',
  'lstat',
  'stat',
  'rm',
  'link',
  'truncate',
  'readdir',
  'mkdir',
] as const
const HANDLE_CALLS = [
  'writeFile',
  'write',
  'sync',
  'datasync',
  'close',
  'stat',
  'readFile',
  'truncate',
] as const

/**
 * Times every `node:fs/promises` call of this process (the store's writes, renames and fsyncs, the
 * sync queue's appends), for the sync bench only: the functions are wrapped in place, so the
 * product's code runs unchanged and the app carries no tracing.
 */
export class FsTrace {
  private readonly ops: FsOp[] = []
  private busy = 0

  /** Wraps the module's functions and every file handle's methods; call once, before the store opens. */
  static async install(): Promise<FsTrace> {
    const trace = new FsTrace()
    const paths = new WeakMap<FileHandle, string>()
    const module: Record<string, unknown> = fsPromises
    for (const name of MODULE_CALLS) {
      const original = module[name]
      if (typeof original !== 'function') continue
      module[name] = (...args: unknown[]) => {
        const path = String(args[0])
        const result = trace.time(name, path, () => Reflect.apply(original, fsPromises, args))
        if (name === 'open')
          void result.then((handle) => {
            if (isHandle(handle)) paths.set(handle, path)
          }, noop)
        return result
      }
    }
    syncBuiltinESMExports()
    const probe = join(tmpdir(), `fs-trace-${process.pid}`)
    const handle = await fsPromises.open(probe, 'w')
    const prototype: Record<string, unknown> = Object.getPrototypeOf(handle)
    await handle.close()
    await fsPromises.rm(probe, { force: true })
    for (const name of HANDLE_CALLS) {
      const original = prototype[name]
      if (typeof original !== 'function') continue
      prototype[name] = function (this: FileHandle, ...args: unknown[]) {
        return trace.time(name, paths.get(this) ?? '?', () => Reflect.apply(original, this, args))
      }
    }
    return trace
  }

  /** The calls that ran (in part) between `from` and `to`, in the order they started. */
  during(from: number, to: number): FsOp[] {
    return this.ops.filter((op) => op.end >= from && op.start <= to)
  }

  private time(op: string, path: string, call: () => unknown): Promise<unknown> {
    const entry: FsOp = { op, path, start: machineMs(), end: 0, busy: this.busy }
    this.busy += 1
    const done = () => {
      this.busy -= 1
      entry.end = machineMs()
      this.ops.push(entry)
      if (this.ops.length > KEPT) this.ops.splice(0, this.ops.length - KEPT)
    }
    return Promise.resolve(call()).then(
      (value) => {
        done()
        return value
      },
      (error: unknown) => {
        done()
        throw error
      },
    )
  }
}

function isHandle(value: unknown): value is FileHandle {
  return typeof value === 'object' && value !== null && 'fd' in value
}

function noop(): void {}
