import { describe, expect, it } from 'vitest'
import type { UpdateSettings } from '../../shared/domain/DeskSettings'
import { CHECK_EVERY_MS } from './decideUpdateOffer'
import { UpdateScheduler, type UpdaterPort } from './UpdateScheduler'

/** A feed that offers `offered`, a user who answers `restart`, and a record of what happened. */
function fakeDesk(options: { offered: string | null; restart: boolean; failCheck?: boolean }) {
  const seen: string[] = []
  let time = new Date('2026-12-02T08:00:00Z')
  let settings: UpdateSettings = { enabled: true, channel: 'latest' }
  const updater: UpdaterPort = {
    check: async (channel) => {
      seen.push(`check ${channel}`)
      if (options.failCheck) throw new Error('getaddrinfo ENOTFOUND updates.example.org')
      return options.offered
    },
    download: async () => {
      seen.push('download')
    },
    askRestart: async (version) => {
      seen.push(`ask ${version}`)
      return options.restart
    },
    restartAndInstall: () => seen.push('restart'),
  }
  const logged: string[] = []
  const scheduler = new UpdateScheduler({
    updater,
    packaged: true,
    currentVersion: '1.4.0',
    settings: () => settings,
    clock: { now: () => time },
    log: {
      info: (_scope, what) => logged.push(what),
      warn: (_scope, what) => logged.push(`warn: ${what}`),
    },
  })
  return {
    scheduler,
    seen,
    logged,
    later: (ms: number) => (time = new Date(time.getTime() + ms)),
    set: (next: UpdateSettings) => (settings = next),
  }
}

describe('UpdateScheduler (decideUpdateOffer against the updater)', () => {
  it('checks at start, downloads a newer version in the background, then asks before restarting', async () => {
    const desk = fakeDesk({ offered: '1.5.0', restart: true })
    await desk.scheduler.handle({ kind: 'start' })
    expect(desk.seen).toEqual(['check latest', 'download', 'ask 1.5.0', 'restart'])
    expect(desk.logged).toContain('Restarting to install Copydesk 1.5.0')
  })

  it('leaves a declined update for the next quit and does not check again while it waits', async () => {
    const desk = fakeDesk({ offered: '1.5.0', restart: false })
    await desk.scheduler.handle({ kind: 'start' })
    desk.later(2 * CHECK_EVERY_MS)
    await desk.scheduler.handle({ kind: 'tick' })
    expect(desk.seen).toEqual(['check latest', 'download', 'ask 1.5.0'])
    expect(desk.scheduler.state).toEqual({ kind: 'downloaded', version: '1.5.0' })
    expect(desk.logged).toContain('Copydesk 1.5.0 installs when Copydesk quits')
  })

  it('checks daily on the channel the desk pins, and stops when the desk turns updates off', async () => {
    const desk = fakeDesk({ offered: null, restart: false })
    await desk.scheduler.handle({ kind: 'start' })
    desk.later(CHECK_EVERY_MS / 2)
    await desk.scheduler.handle({ kind: 'tick' })
    desk.set({ enabled: true, channel: 'beta' })
    desk.later(CHECK_EVERY_MS / 2)
    await desk.scheduler.handle({ kind: 'tick' })
    desk.set({ enabled: false, channel: 'beta' })
    desk.later(CHECK_EVERY_MS)
    await desk.scheduler.handle({ kind: 'tick' })
    expect(desk.seen).toEqual(['check latest', 'check beta'])
  })

  it('logs an unreachable feed and tries again the next day, without asking the user anything', async () => {
    const desk = fakeDesk({ offered: '1.5.0', restart: true, failCheck: true })
    await desk.scheduler.handle({ kind: 'start' })
    expect(desk.logged).toEqual(['warn: The update feed (latest) could not be read'])
    expect(desk.scheduler.state).toEqual({ kind: 'idle' })
    desk.later(CHECK_EVERY_MS)
    await desk.scheduler.handle({ kind: 'tick' })
    expect(desk.seen).toEqual(['check latest', 'check latest'])
  })
})
