import type { Adapter } from 'lowdb'
import { z } from 'zod'
import { AppError } from '../../shared/ipc/AppError'
import { FileLeftInPlaceError, LeaveInPlace } from './FileLeftInPlaceError'
import { KeyedQueue } from './KeyedQueue'
import { OWNER_ONLY_FILE } from './ownerOnly'
import { NotARegularFileError, readRegularFile } from './readRegularFile'
import { writeFileDurably } from './writeFileDurably'

const writeQueue = new KeyedQueue()

/** Thrown when a file on disk is damaged: not valid JSON, not the shape it should have, not a file. */
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
 *
 * Reading tells the file's damage (CorruptFileError: not JSON, wrong shape, not a regular file) from
 * a file that must stay where it is (FileLeftInPlaceError: the parser said so, or our own code threw,
 * e.g. a RangeError): only damage ever sends a file to quarantine.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly parse: (data: unknown) => T,
    private readonly what: string,
    /** The file's mode from its first byte on (the temp file is created with it, then renamed). */
    private readonly mode: number = OWNER_ONLY_FILE,
  ) {}

  /**
   * Reads and parses the file. `known`: a text and what it parses to (e.g. what this process just
   * wrote); when the file holds exactly that text, that value is returned without parsing it again.
   */
  async read(known?: { text: string; data: T }): Promise<T | null> {
    let text: string | null
    try {
      text = await readRegularFile(this.path)
    } catch (error) {
      if (error instanceof NotARegularFileError)
        throw new CorruptFileError(
          this.path,
          `${error.what}, not ${withArticle(this.what)}; it was not opened`,
        )
      throw error
    }
    if (text === null) return null
    if (known && text === known.text) return known.data
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw this.readerFailed(error)
      throw new CorruptFileError(
        this.path,
        text.trim() === '' ? 'the file is empty' : `not valid JSON (${error.message})`,
      )
    }
    try {
      return this.parse(data)
    } catch (error) {
      if (error instanceof LeaveInPlace)
        throw new FileLeftInPlaceError(this.path, error.kind, error.reason)
      if (error instanceof z.core.$ZodError)
        throw new CorruptFileError(
          this.path,
          `not a valid ${this.what}: ${describeParseError(error)}`,
        )
      throw this.readerFailed(error)
    }
  }

  write(data: T): Promise<void> {
    return this.writeText(JSON.stringify(data))
  }

  /** Writes text the caller serialised itself (e.g. in slices, to keep the event loop free). */
  writeText(text: string): Promise<void> {
    return writeQueue.run(this.path, () => writeFileDurably(this.path, text, this.mode))
  }

  private readerFailed(error: unknown): FileLeftInPlaceError {
    const detail =
      error instanceof Error ? `${error.name}: ${error.message}` : String(error).slice(0, 200)
    return new FileLeftInPlaceError(
      this.path,
      'left-in-place',
      `Copydesk failed while reading this ${this.what} (${detail}); the file itself may be sound, so it was not moved`,
    )
  }
}

function describeParseError(error: z.core.$ZodError): string {
  const issues = error.issues
  const lines = issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.')
    return path ? `${path}: ${issue.message}` : issue.message
  })
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
  return `${lines.join('; ')}${more}`
}

/** "an article index", "a history file". */
function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`
}
