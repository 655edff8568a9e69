import { lstat, mkdir, rename } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import { StoreProblem } from '../../shared/domain/StoreProblem'
import { WRITABLE, type DataDirAccess } from './DataDirAccess'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'
import { FileLeftInPlaceError, type LeftInPlaceKind } from './FileLeftInPlaceError'
import { isErrnoCode } from './isErrnoCode'
import { OWNER_ONLY_DIR } from './ownerOnly'

const QuarantineFile = z.object({
  problems: z.array(StoreProblem.extend({ dismissed: z.boolean() })),
})
type QuarantineFile = z.infer<typeof QuarantineFile>
type Recorded = QuarantineFile['problems'][number]

/** Room for the time stamp and a counter in a name of at most 255 bytes, whatever the file's name. */
const MAX_KEPT_NAME = 160

/**
 * Files that could not be read are moved here, never deleted, and listed until dismissed. Files that
 * must stay where they are (a newer Copydesk's, one this version cannot open) are listed too, for as
 * long as they stay unreadable: the list of those is made again at every start.
 */
export class Quarantine {
  private queue: Promise<unknown> = Promise.resolve()
  /** Inside batch(): the list is written once at the end, not after every change. */
  private batching = 0
  private unsaved = false
  /** Problems about files left in place, dismissed at an earlier start: still dismissed if unchanged. */
  private readonly dismissedInPlace: Set<string>
  /** Whether the last run left files in place unreadable: only a full check at start lists them again. */
  readonly heldFilesAtOpen: boolean

  private constructor(
    private readonly dataDir: string,
    private readonly dir: string,
    private readonly db: Low<QuarantineFile>,
    private readonly clock: Clock,
    private readonly access: DataDirAccess,
  ) {
    this.dismissedInPlace = new Set(
      db.data.problems
        .filter((problem) => problem.kind !== 'set-aside' && problem.dismissed)
        .map(inPlaceKey),
    )
    this.heldFilesAtOpen = db.data.problems.some((problem) => problem.kind !== 'set-aside')
    db.data.problems = db.data.problems.filter((problem) => problem.kind === 'set-aside')
  }

  static async open(
    dataDir: string,
    clock: Clock,
    access: DataDirAccess = WRITABLE,
  ): Promise<Quarantine> {
    const dir = join(dataDir, 'quarantine')
    if (!access.readOnly) await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR })
    const adapter = new DurableJsonFile(
      join(dir, 'problems.json'),
      (d) => QuarantineFile.parse(d),
      'problem list',
    )
    const db = new Low<QuarantineFile>(adapter, { problems: [] })
    let damaged: unknown = null
    try {
      await db.read()
    } catch (error) {
      if (!(error instanceof CorruptFileError || error instanceof FileLeftInPlaceError)) throw error
      db.data = { problems: [] }
      damaged = error
    }
    const quarantine = new Quarantine(dataDir, dir, db, clock, access)
    if (damaged) await quarantine.report(damaged)
    return quarantine
  }

  /** Moves `path` into the quarantine folder and records why; a read-only folder keeps it in place. */
  add(path: string, reason: string): Promise<StoreProblem> {
    if (this.access.readOnly)
      return this.hold(
        path,
        'left-in-place',
        `${reason} (the data folder is read-only, so it was left where it is)`,
      )
    return this.serially(async () => {
      const at = isoNow(this.clock)
      const target = await this.freeName(`${at.replace(/[:.]/g, '-')}-${keptName(path)}`)
      try {
        await rename(path, target)
      } catch (error) {
        // Reported all the same, where it is: a file that cannot be moved must not stop the store opening.
        const code = error instanceof Error && 'code' in error ? String(error.code) : String(error)
        return this.holdNow(
          path,
          'left-in-place',
          `${reason} (it could not be moved aside, ${code}, so it was left where it is)`,
        )
      }
      const problem: StoreProblem = {
        id: basename(target),
        file: relative(this.dataDir, path),
        quarantinedAs: relative(this.dataDir, target),
        reason,
        at,
        kind: 'set-aside',
      }
      this.db.data.problems.push({ ...problem, dismissed: false })
      await this.save()
      return problem
    })
  }

  /**
   * Runs `task` writing the list once at the end instead of after each problem: a start that finds
   * thousands of stray files must not rewrite and fsync the list thousands of times. A crash midway
   * leaves the files already set aside in quarantine/, unlisted but never lost.
   */
  async batch<T>(task: () => Promise<T>): Promise<T> {
    this.batching += 1
    try {
      return await task()
    } finally {
      this.batching -= 1
      if (this.batching === 0 && this.unsaved) await this.serially(() => this.save())
    }
  }

  /** Records a problem with a file that stays where it is; one entry per file. */
  hold(path: string, kind: LeftInPlaceKind, reason: string): Promise<StoreProblem> {
    return this.serially(() => this.holdNow(path, kind, reason))
  }

  /** Sets aside a damaged file, or records one left in place; false for any other error. */
  async report(error: unknown): Promise<boolean> {
    if (error instanceof CorruptFileError) await this.add(error.path, error.reason)
    else if (error instanceof FileLeftInPlaceError)
      await this.hold(error.path, error.kind, error.reason)
    else return false
    return true
  }

  list(): StoreProblem[] {
    return this.db.data.problems
      .filter((problem) => !problem.dismissed)
      .map(({ dismissed: _dismissed, ...problem }) => problem)
  }

  /** Hides a problem from the app; the quarantined file stays where it is. */
  dismiss(id: string): Promise<void> {
    return this.serially(async () => {
      const problem = this.db.data.problems.find((p) => p.id === id)
      if (!problem) return
      problem.dismissed = true
      if (problem.kind !== 'set-aside') this.dismissedInPlace.add(inPlaceKey(problem))
      await this.save()
    })
  }

  private async holdNow(
    path: string,
    kind: LeftInPlaceKind,
    reason: string,
  ): Promise<StoreProblem> {
    const file = relative(this.dataDir, path)
    const problem: StoreProblem = {
      id: `in-place:${file}`,
      file,
      quarantinedAs: file,
      reason,
      at: isoNow(this.clock),
      kind,
    }
    const recorded: Recorded = {
      ...problem,
      dismissed: this.dismissedInPlace.has(inPlaceKey(problem)),
    }
    const others = this.db.data.problems.filter((p) => p.id !== problem.id)
    this.db.data.problems = [...others, recorded]
    await this.save()
    return problem
  }

  /** The list is written whenever it changes; on a read-only folder it lives in memory only. */
  private async save(): Promise<void> {
    if (this.access.readOnly) return
    this.unsaved = this.batching > 0
    if (!this.unsaved) await this.db.write()
  }

  /** A name in the quarantine folder that holds nothing yet: a set-aside file never replaces another. */
  private async freeName(name: string): Promise<string> {
    for (let n = 1; ; n += 1) {
      const candidate = join(this.dir, n === 1 ? name : `${name}.${n}`)
      try {
        await lstat(candidate)
      } catch (error) {
        if (isErrnoCode(error, 'ENOENT')) return candidate
        throw error
      }
    }
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}

/** The file's own name, shortened to fit beside the stamp (a 250-character name would not). */
function keptName(path: string): string {
  const name = basename(path)
  if (Buffer.byteLength(name) <= MAX_KEPT_NAME) return name
  let short = name.slice(0, MAX_KEPT_NAME)
  while (Buffer.byteLength(short) > MAX_KEPT_NAME - 1) short = short.slice(0, -1)
  return `${short}…`
}

function inPlaceKey(problem: Pick<StoreProblem, 'file' | 'reason'>): string {
  return `${problem.file}\n${problem.reason}`
}
