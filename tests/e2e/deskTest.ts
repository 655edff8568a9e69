import { test as base } from '@playwright/test'
import { startWebHost, type RunningHost } from '../support/startWebHost'
import { tempDir } from '../support/tempDir'

/** A fresh data folder per test, and the browser host on it; both cleaned up after the test. */
export type Desk = {
  dataDir: string
  /** Starts the browser host on the data folder (again, after stop(), to test a restart). */
  start: () => Promise<RunningHost>
  stop: () => Promise<void>
}

export const test = base.extend<{ desk: Desk }>({
  // Playwright passes a fixture's own dependencies by destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  desk: async ({}, use) => {
    const dir = await tempDir('copydesk-e2e-')
    let host: RunningHost | undefined
    await use({
      dataDir: dir.path,
      start: async () => {
        host = await startWebHost(dir.path)
        return host
      },
      stop: async () => {
        await host?.stop()
        host = undefined
      },
    })
    await host?.stop()
    await dir.cleanup()
  },
})

export { expect } from '@playwright/test'
