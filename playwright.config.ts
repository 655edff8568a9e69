import { defineConfig } from '@playwright/test'
import { chromiumLaunch, exitUnlessChromium } from './tests/support/chromiumLaunch'

exitUnlessChromium()

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Each test has its own data folder and host, so two run at once, one per core: the suite
  // (axe on every screen twice, a keyboard-only journey, reflow at three sizes) stays under 10 min.
  workers: 2,
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
