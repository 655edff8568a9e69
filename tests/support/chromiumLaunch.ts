import { existsSync } from 'node:fs'

const DEFAULT_CHROMIUM = '/usr/bin/chromium'

/**
 * How the tests and the bench start Debian's Chromium: Playwright cannot download its own browser
 * on the build machine, and these flags keep it from reaching for a network it does not have.
 */
export const chromiumLaunch = {
  // || and not ??: CHROMIUM_PATH set but empty means unset, not a browser at ''.
  executablePath: process.env['CHROMIUM_PATH'] || DEFAULT_CHROMIUM,
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

/** The Chromium to drive, or the one sentence that says how to get one. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): { path: string } | { missing: string } {
  const chosen = env['CHROMIUM_PATH']
  const path = chosen || DEFAULT_CHROMIUM
  if (exists(path)) return { path }
  return {
    missing: chosen
      ? `No Chromium at ${path}, where CHROMIUM_PATH points: set CHROMIUM_PATH to a Chromium or Chrome binary, or unset it to use ${DEFAULT_CHROMIUM} (apt-get install chromium).`
      : `No Chromium at ${DEFAULT_CHROMIUM}: install it with apt-get install chromium, or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
  }
}

/**
 * For the end-to-end runner: stops it with that sentence (exit 1) before any test meets a missing
 * browser. Listing the tests (`playwright test --list`) needs no browser and goes on.
 */
export function exitUnlessChromium(argv: readonly string[] = process.argv): void {
  if (argv.includes('--list')) return
  const found = findChromium()
  if ('path' in found) return
  console.error(found.missing)
  process.exit(1)
}
