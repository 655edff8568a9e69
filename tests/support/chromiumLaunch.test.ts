import { describe, expect, it } from 'vitest'
import { findChromium } from './chromiumLaunch'

describe('finding Chromium for the end-to-end tests and the bench', () => {
  it('uses CHROMIUM_PATH, else Debian’s /usr/bin/chromium', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, () => true)).toEqual({
      path: '/opt/chrome/chrome',
    })
    expect(findChromium({}, (p) => p === '/usr/bin/chromium')).toEqual({
      path: '/usr/bin/chromium',
    })
  })

  // Regression: a missing browser surfaced as Playwright's launch error with its call log, per test.
  it('says in one sentence how to get one when it is missing', () => {
    const missing = findChromium({}, () => false)
    expect(missing).toEqual({
      missing:
        'No Chromium at /usr/bin/chromium: install it with apt-get install chromium, or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    })
    const wrong = findChromium({ CHROMIUM_PATH: '/nowhere/chrome' }, () => false)
    expect('missing' in wrong && wrong.missing).toMatch(
      /^No Chromium at \/nowhere\/chrome, where CHROMIUM_PATH points: .*apt-get install chromium/,
    )
  })

  // Regression (L1): CHROMIUM_PATH set but empty ("CHROMIUM_PATH= npm test") said "No Chromium at
  // /usr/bin/chromium, where CHROMIUM_PATH points", naming a variable that pointed nowhere.
  it('takes an empty CHROMIUM_PATH for unset', () => {
    expect(findChromium({ CHROMIUM_PATH: '' }, (p) => p === '/usr/bin/chromium')).toEqual({
      path: '/usr/bin/chromium',
    })
    expect(findChromium({ CHROMIUM_PATH: '' }, () => false)).toEqual({
      missing:
        'No Chromium at /usr/bin/chromium: install it with apt-get install chromium, or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    })
  })
})
