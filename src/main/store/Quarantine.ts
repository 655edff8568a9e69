import { mkdir, rename } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { StoreProblem } from '../../shared/ipc/contract'
import { CorruptFileError, DurableJsonFile } from './DurableJsonFile'

const QuarantineFile = z.object({
  problems: z.array(StoreProblem.extend({ dismissed: z.boolean() })),
})
type QuarantineFile = z.infer<typeof QuarantineFile>

/** Files that could not be read are moved here, never deleted, and listed until dismissed. */
export class Quarantine {
  private constructor(
    private readonly dataDir: string,
    private readonly dir: string,
    private readonly db: Low<QuarantineFile>,
    private readonly now: () => string,
  ) {}

  static async open(dataDir: string, now: () => string): Promise<Quarantine> {
    const dir = join(dataDir, 'quarantine')
    await mkdir(dir, { recursive: true })
    const adapter = new DurableJsonFile(
      join(dir, 'problems.json'),
      (d) => QuarantineFile.parse(d),
      'problem list',
    )
    const db = new Low<QuarantineFile>(adapter, { problems: [] })
    const quarantine = new Quarantine(dataDir, dir, db, now)
    try {
      await db.read()
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error
      db.data = { problems: [] }
      await quarantine.add(adapter.path, error.reason)
    }
    return quarantine
  }

  /** Moves `path` into the quarantine folder and records why. */
  async add(path: string, reason: string): Promise<StoreProblem> {
    const at = this.now()
    const stamp = at.replace(/[:.]/g, '-')
    const target = join(this.dir, `${stamp}-${basename(path)}`)
    await rename(path, target)
    const problem: StoreProblem = {
      id: basename(target),
      file: relative(this.dataDir, path),
      quarantinedAs: relative(this.dataDir, target),
      reason,
      at,
    }
    this.db.data.problems.push({ ...problem, dismissed: false })
    await this.db.write()
    return problem
  }

  list(): StoreProblem[] {
    return this.db.data.problems
      .filter((problem) => !problem.dismissed)
      .map(({ dismissed: _dismissed, ...problem }) => problem)
  }

  /** Hides a problem from the app; the quarantined file stays where it is. */
  async dismiss(id: string): Promise<void> {
    const problem = this.db.data.problems.find((p) => p.id === id)
    if (!problem) return
    problem.dismissed = true
    await this.db.write()
  }
}
