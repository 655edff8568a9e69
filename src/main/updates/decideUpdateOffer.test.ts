import { describe, expect, it } from 'vitest'
import { CHECK_EVERY_MS, decideUpdateOffer, type UpdateSituation } from './decideUpdateOffer'

const START = new Date('2026-12-02T08:00:00Z')
const at = (ms: number) => new Date(START.getTime() + ms)

function situation(over: Partial<UpdateSituation> = {}): UpdateSituation {
  return {
    packaged: true,
    settings: { enabled: true, channel: 'latest' },
    currentVersion: '1.4.0',
    now: START,
    lastCheckAt: null,
    phase: { kind: 'idle' },
    ...over,
  }
}

describe('decideUpdateOffer: when to check', () => {
  it('checks the desk’s channel at start, then not again until a day has passed', () => {
    expect(decideUpdateOffer({ kind: 'start' }, situation())).toEqual({
      action: 'check',
      channel: 'latest',
    })
    const checked = situation({ lastCheckAt: START })
    expect(
      decideUpdateOffer({ kind: 'tick' }, { ...checked, now: at(CHECK_EVERY_MS - 1) }),
    ).toEqual({ action: 'wait', reason: 'the last check was less than a day ago' })
    expect(decideUpdateOffer({ kind: 'tick' }, { ...checked, now: at(CHECK_EVERY_MS) })).toEqual({
      action: 'check',
      channel: 'latest',
    })
  })

  it('checks the pinned beta channel when the desk chose it', () => {
    const beta = situation({ settings: { enabled: true, channel: 'beta' } })
    expect(decideUpdateOffer({ kind: 'start' }, beta)).toEqual({ action: 'check', channel: 'beta' })
  })

  it('never checks in a development build or when the desk turned updates off', () => {
    expect(decideUpdateOffer({ kind: 'start' }, situation({ packaged: false }))).toMatchObject({
      action: 'wait',
      reason: expect.stringContaining('development build'),
    })
    const off = situation({ settings: { enabled: false, channel: 'latest' } })
    for (const event of [
      { kind: 'start' },
      { kind: 'tick' },
      { kind: 'found', version: '1.5.0' },
      { kind: 'downloaded', version: '1.5.0' },
    ] as const)
      expect(decideUpdateOffer(event, off)).toEqual({
        action: 'wait',
        reason: 'the desk turned updates off in Desk settings',
      })
  })

  it('does not check again while a check or a download is under way, or once one is downloaded', () => {
    const late = { now: at(2 * CHECK_EVERY_MS), lastCheckAt: START }
    expect(
      decideUpdateOffer({ kind: 'tick' }, situation({ ...late, phase: { kind: 'checking' } })),
    ).toEqual({ action: 'wait', reason: 'a check is under way' })
    expect(
      decideUpdateOffer(
        { kind: 'tick' },
        situation({ ...late, phase: { kind: 'downloading', version: '1.5.0' } }),
      ),
    ).toEqual({ action: 'wait', reason: '1.5.0 is downloading' })
    expect(
      decideUpdateOffer(
        { kind: 'start' },
        situation({ ...late, phase: { kind: 'downloaded', version: '1.5.0' } }),
      ),
    ).toEqual({ action: 'wait', reason: '1.5.0 is downloaded and installs when Copydesk quits' })
  })
})

describe('decideUpdateOffer: what to download and when to offer a restart', () => {
  it('downloads a newer version, and offers a restart only once it is downloaded', () => {
    expect(decideUpdateOffer({ kind: 'found', version: '1.5.0' }, situation())).toEqual({
      action: 'download',
      version: '1.5.0',
    })
    const downloading = situation({ phase: { kind: 'downloading', version: '1.5.0' } })
    expect(decideUpdateOffer({ kind: 'found', version: '1.5.0' }, downloading)).toEqual({
      action: 'wait',
      reason: '1.5.0 is downloading',
    })
    expect(decideUpdateOffer({ kind: 'downloaded', version: '1.5.0' }, downloading)).toEqual({
      action: 'offer-restart',
      version: '1.5.0',
    })
  })

  it('never downgrades, nor reinstalls the running version', () => {
    for (const version of ['1.3.9', '1.4.0', '1.4.0-beta.3'])
      expect(decideUpdateOffer({ kind: 'found', version }, situation())).toMatchObject({
        action: 'wait',
        reason: expect.stringContaining('Copydesk never downgrades'),
      })
    expect(decideUpdateOffer({ kind: 'downloaded', version: '1.3.0' }, situation())).toMatchObject({
      action: 'wait',
    })
  })

  it('keeps betas off the stable channel and takes them on the beta channel', () => {
    expect(decideUpdateOffer({ kind: 'found', version: '1.5.0-beta.1' }, situation())).toEqual({
      action: 'wait',
      reason: '1.5.0-beta.1 is a pre-release and the desk is on the stable channel',
    })
    const beta = situation({ settings: { enabled: true, channel: 'beta' } })
    expect(decideUpdateOffer({ kind: 'found', version: '1.5.0-beta.1' }, beta)).toEqual({
      action: 'download',
      version: '1.5.0-beta.1',
    })
  })

  it('replaces a downloaded update only with a newer one', () => {
    const downloaded = situation({ phase: { kind: 'downloaded', version: '1.5.0' } })
    expect(decideUpdateOffer({ kind: 'found', version: '1.5.0' }, downloaded)).toEqual({
      action: 'wait',
      reason: '1.5.0 is already downloaded',
    })
    expect(decideUpdateOffer({ kind: 'found', version: '1.5.1' }, downloaded)).toEqual({
      action: 'download',
      version: '1.5.1',
    })
  })

  it('refuses a feed entry that is not a version, naming it', () => {
    expect(decideUpdateOffer({ kind: 'found', version: 'latest' }, situation())).toEqual({
      action: 'wait',
      reason: 'the feed named "latest", which is not a version',
    })
  })
})
