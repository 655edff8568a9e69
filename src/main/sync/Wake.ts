/** A signal one loop waits on and another fires: "there is work", without polling. */
export class Wake {
  private waiters: (() => void)[] = []

  fire(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const waiter of waiters) waiter()
  }

  /** Resolves when fired, aborted, or after `ms` when given. */
  wait(signal: AbortSignal, ms?: number): Promise<void> {
    if (signal.aborted) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        this.waiters = this.waiters.filter((waiter) => waiter !== done)
        resolve()
      }
      const timer = ms === undefined ? undefined : setTimeout(done, ms)
      signal.addEventListener('abort', done, { once: true })
      this.waiters.push(done)
    })
  }
}
