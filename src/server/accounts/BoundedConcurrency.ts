import { DeskError } from '../../shared/desk/DeskError'

/**
 * Runs at most `running` jobs at once and keeps at most `waiting` more in line; past that it refuses
 * at once with UNAVAILABLE. For password hashing: each scrypt takes ~128 MB and a worker thread for
 * a few hundred milliseconds, so a burst of sign-ins must wait its turn or be told to come back,
 * never pile up in memory or starve the thread pool the rest of the server's I/O shares.
 */
export class BoundedConcurrency {
  private active = 0
  private readonly queue: (() => void)[] = []

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {
    if (running < 1 || waiting < 0)
      throw new Error('BoundedConcurrency needs running >= 1, waiting >= 0')
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting)
        throw new DeskError(
          'UNAVAILABLE',
          'The server is busy checking passwords: try again in a few seconds.',
        )
      await new Promise<void>((resolve) => this.queue.push(resolve))
    } else {
      this.active += 1
    }
    try {
      return await work()
    } finally {
      const next = this.queue.shift()
      // The slot passes straight to the next in line, so a newcomer cannot overtake it.
      if (next) next()
      else this.active -= 1
    }
  }
}
