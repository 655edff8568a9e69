/**
 * How the tests and the bench start Debian's Chromium: Playwright cannot download its own browser
 * on the build machine, and these flags keep it from reaching for a network it does not have.
 */
export const chromiumLaunch = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}
