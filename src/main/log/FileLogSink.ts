import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { systemClock } from '../../shared/domain/Clock'
import { isErrnoCode } from '../store/isErrnoCode'
import { OWNER_ONLY_DIR, OWNER_ONLY_FILE } from '../store/ownerOnly'
import type { LogLevel, LogSink } from './LogSink'

/** electron-log's default: past 1 MB the log becomes copydesk.old.log and a new one starts. */
const MAX_SIZE = 1024 * 1024

/**
 * The log as electron-log writes it, for the browser host and the CLI (no Electron there): lines
 * `[yyyy-mm-dd hh:mm:ss.ms] [level] text` appended to `<dir>/copydesk.log`, rotated to
 * copydesk.old.log past `maxSize`, readable by the user only. A log that cannot be written (a
 * read-only data folder) goes to stderr instead, so a failure is never silent.
 */
export class FileLogSink implements LogSink {
  readonly file: string
  private readonly old: string
  private size: number | null = null
  private failed = false

  constructor(
    private readonly dir: string,
    private readonly maxSize = MAX_SIZE,
  ) {
    this.file = join(dir, 'copydesk.log')
    this.old = join(dir, 'copydesk.old.log')
  }

  write(level: LogLevel, text: string): void {
    const line = `[${stamp(systemClock.now())}] [${level}] ${text}\n`
    try {
      this.rotateFor(Buffer.byteLength(line))
      appendFileSync(this.file, line, { mode: OWNER_ONLY_FILE })
      this.size = (this.size ?? 0) + Buffer.byteLength(line)
    } catch (error) {
      if (!this.failed) {
        const code = error instanceof Error && 'code' in error ? String(error.code) : String(error)
        process.stderr.write(`Copydesk could not write its log ${this.file} (${code}).\n`)
      }
      this.failed = true
      process.stderr.write(line)
    }
  }

  private rotateFor(bytes: number): void {
    if (this.size === null) {
      makeDir(this.dir)
      this.size = currentSize(this.file)
    }
    if (this.size > 0 && this.size + bytes > this.maxSize) {
      renameSync(this.file, this.old)
      this.size = 0
    }
  }
}

/** The logs folder, inside a data folder that exists: never a whole path made again after a test. */
function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: OWNER_ONLY_DIR })
  } catch (error) {
    if (!isErrnoCode(error, 'EEXIST')) throw error
  }
}

function currentSize(file: string): number {
  try {
    return statSync(file).size
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return 0
    throw error
  }
}

/** electron-log's default time stamp, in local time. */
function stamp(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}.${String(at.getMilliseconds()).padStart(3, '0')}`
}
