import { defineConfig } from '@playwright/test'
import { chromiumLaunch, exitUnlessChromium } from './tests/support/chromiumLaunch'

exitUnlessChromium()

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each test has its own data folder, host and browser context, so any two can run side by side,
  // also from one file (a spec whose tests share a desk server from beforeAll opts out): the long
  // files no longer end the run alone. Two at once, one per core: with three on two cores every test
  // took 1.9× as long (Chromium is busy, not waiting) and the run was longer, not shorter.
  fullyParallel: true,
  workers: Number(process.env['COPYDESK_E2E_WORKERS'] ?? 2),
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    // A click or press on something that never appears fails in 15 s, naming it, instead of
    // waiting out the whole test's timeout.
    actionTimeout: 15_000,
    launchOptions: chromiumLaunch,
  },
})
