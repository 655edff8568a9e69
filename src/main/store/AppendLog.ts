import { open, rm, truncate, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { OWNER_ONLY_FILE } from './ownerOnly'
import { readRegularFile } from './readRegularFile'
import { syncDirectory } from './writeFileDurably'

/** What a log holds on disk: its whole lines, and where its first damaged line is, if any. */
export type LogContents<T> = {
  lines: T[]
  /** A line that does not read, with whole lines after it (not a torn tail): the log is damaged. */
  damaged: { line: number; reason: string } | null
  /** The byte length of the lines kept: a torn tail after it is cut off at open. */
  size: number
}

/**
 * A file of JSON lines, only ever appended to, each append on disk (fdatasync) before it resolves:
 * a change costs the bytes of its own line, not a rewrite of everything kept. A crash mid-append
 * leaves a torn last line, which was never acknowledged and is cut off at the next open.
 */
export class AppendLog {
  private handle: FileHandle | null = null
  /** Whether the file's name is already durable in its folder. */
  private named = false
  private bytes: number
  /** Set when a failed append could not be cut back off: the file may end in a torn line. */
  broken = false

  private constructor(
    readonly path: string,
    size: number,
  ) {
    this.bytes = size
    this.named = size > 0
  }

  /** A log that starts empty at `path` (no file is there: the caller made sure). */
  static empty(path: string): AppendLog {
    return new AppendLog(path, 0)
  }

  /** The log's size in bytes: what a compaction would fold away. */
  get size(): number {
    return this.bytes
  }

  /**
   * Reads the log at `path` (an absent file is an empty log). `parse` reads one line's JSON and
   * throws when it is not a line: the last line failing is a torn append, one before a sound line is
   * damage (the log is returned unchanged for the caller to set aside).
   */
  static async open<T>(
    path: string,
    parse: (line: unknown) => T,
  ): Promise<{ log: AppendLog; contents: LogContents<T> }> {
    const text = (await readRegularFile(path)) ?? ''
    const contents = readLines(text, parse)
    if (!contents.damaged && contents.size < Buffer.byteLength(text))
      await truncate(path, contents.size)
    return { log: new AppendLog(path, contents.size), contents }
  }

  /**
   * Appends `lines` (each without a newline) in one write and syncs them. A failed write (a full
   * disk) is cut back off, so the file keeps only whole lines; when even that fails the log
   * says so (`broken`) and must be replaced rather than appended to.
   */
  async append(lines: readonly string[]): Promise<void> {
    if (this.broken) throw new Error(`${this.path} must be rewritten before it is appended to`)
    const data = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8')
    try {
      const handle = await this.file()
      await handle.write(data)
      await handle.datasync()
      if (!this.named) {
        await syncDirectory(dirname(this.path))
        this.named = true
      }
    } catch (error) {
      await this.cutBack()
      throw error
    }
    this.bytes += data.length
  }

  async close(): Promise<void> {
    const handle = this.handle
    this.handle = null
    await handle?.close()
  }

  /** Closes and deletes the file (its lines are folded into a snapshot that is already on disk). */
  async remove(): Promise<void> {
    await this.close()
    await rm(this.path, { force: true })
  }

  private async file(): Promise<FileHandle> {
    this.handle ??= await open(this.path, 'a', OWNER_ONLY_FILE)
    return this.handle
  }

  private async cutBack(): Promise<void> {
    try {
      await this.handle?.truncate(this.bytes)
      await this.handle?.datasync()
    } catch {
      this.broken = true
    }
  }
}

function readLines<T>(text: string, parse: (line: unknown) => T): LogContents<T> {
  const lines: T[] = []
  let size = 0
  let start = 0
  while (start < text.length) {
    const end = text.indexOf('\n', start)
    const line = end < 0 ? text.slice(start) : text.slice(start, end)
    const read = end < 0 ? { problem: 'the line has no end' } : readLine(line, parse)
    if ('problem' in read) {
      const reason = read.problem
      const rest = end < 0 ? '' : text.slice(end + 1)
      // Only the last append can be torn; a bad line with sound lines after it is damage.
      if (rest.trim() === '') return { lines, damaged: null, size }
      return { lines, damaged: { line: lines.length + 1, reason }, size }
    }
    lines.push(read.value)
    size += Buffer.byteLength(line, 'utf8') + 1
    start = end + 1
  }
  return { lines, damaged: null, size }
}

function readLine<T>(
  line: string,
  parse: (line: unknown) => T,
): { value: T } | { problem: string } {
  try {
    return { value: parse(JSON.parse(line)) }
  } catch (error) {
    return {
      problem:
        error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error),
    }
  }
}
