import { readFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { AppError } from '../../shared/ipc/AppError'
import { isErrnoCode } from './isErrnoCode'
import { KeyedQueue } from './KeyedQueue'
import { writeFileDurably } from './writeFileDurably'

const writeQueue = new KeyedQueue()

/** Thrown when a file on disk is not valid JSON or not the shape it should have. */
export class CorruptFileError extends AppError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super('CORRUPT_FILE', `${path} could not be read: ${reason}`, { path, reason })
  }
}

/**
 * A lowdb adapter that parses what it reads (so a bad file is reported, never half-loaded)
 * and writes durably through one queue per file path, shared by every adapter in the process.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly parse: (data: unknown) => T,
    private readonly what: string,
  ) {}

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return null
      throw error
    }
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      throw new CorruptFileError(
        this.path,
        text.trim() === '' ? 'the file is empty' : `not valid JSON (${detail})`,
      )
    }
    try {
      return this.parse(data)
    } catch (error) {
      throw new CorruptFileError(
        this.path,
        `not a valid ${this.what}: ${describeParseError(error)}`,
      )
    }
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data)
    return writeQueue.run(this.path, () => writeFileDurably(this.path, text))
  }
}

function describeParseError(error: unknown): string {
  if (error instanceof AppError) return error.message
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray(error.issues)) {
    const issues: unknown[] = error.issues
    const lines = issues.slice(0, 3).map((issue) => {
      if (!issue || typeof issue !== 'object') return String(issue)
      const path = 'path' in issue && Array.isArray(issue.path) ? issue.path.join('.') : ''
      const message = 'message' in issue ? String(issue.message) : 'invalid'
      return path ? `${path}: ${message}` : message
    })
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
    return `${lines.join('; ')}${more}`
  }
  return error instanceof Error ? error.message : String(error)
}
