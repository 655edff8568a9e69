import { defineConfig } from '@playwright/test'
import { chromiumLaunch, exitUnlessChromium } from './tests/support/chromiumLaunch'

exitUnlessChromium()

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunch,
  },
})
