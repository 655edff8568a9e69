import type { OpenedFile } from '../../shared/ipc/channels'
import { readOpenedFile } from './readOpenedFile'

/**
 * Files the system asked Copydesk to open, read and waiting until a window takes them. A window
 * takes them when it starts listening and whenever `onWaiting` tells it more came, so a file opened
 * before any window is ready (first start, macOS open-file) waits instead of being lost.
 */
export class OpenedFiles {
  private waiting: OpenedFile[] = []
  private reading: Promise<void> = Promise.resolve()

  constructor(
    private readonly onWaiting: () => void,
    private readonly read: (path: string) => Promise<OpenedFile> = readOpenedFile,
  ) {}

  /** Reads the files in the order given (after those added before), then calls onWaiting. */
  add(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return this.reading
    this.reading = this.reading.then(async () => {
      for (const path of paths) this.waiting.push(await this.read(path))
      this.onWaiting()
    })
    return this.reading
  }

  /** Hands over every file read so far, once. */
  take(): OpenedFile[] {
    const taken = this.waiting
    this.waiting = []
    return taken
  }
}
