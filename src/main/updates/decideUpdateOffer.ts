import type { UpdateChannel, UpdateSettings } from '../../shared/domain/DeskSettings'
import { compareVersions, parseVersion } from './compareVersions'

/** A running app looks for an update at start and then once a day. */
export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000

/** Where the updater is: nothing under way, asking the feed, fetching an installer, or done. */
export type UpdatePhase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'downloading'; version: string }
  | { kind: 'downloaded'; version: string }

/** What just happened: the app started, the timer fired, the feed named a version, a download ended. */
export type UpdateEvent =
  | { kind: 'start' }
  | { kind: 'tick' }
  | { kind: 'found'; version: string }
  | { kind: 'downloaded'; version: string }

export type UpdateSituation = {
  /** An installed build (app.isPackaged): a development run never updates itself. */
  packaged: boolean
  settings: UpdateSettings
  currentVersion: string
  now: Date
  lastCheckAt: Date | null
  phase: UpdatePhase
}

export type UpdateDecision =
  | { action: 'wait'; reason: string }
  | { action: 'check'; channel: UpdateChannel }
  | { action: 'download'; version: string }
  | { action: 'offer-restart'; version: string }

/**
 * What the updater does next. Checks at start and daily on the desk's channel, never in a
 * development build or when the desk turned updates off; downloads only a version newer than the
 * running one and on the channel (a beta never reaches the stable channel); one download at a time;
 * offers a restart only once the installer is downloaded.
 */
export function decideUpdateOffer(event: UpdateEvent, now: UpdateSituation): UpdateDecision {
  if (!now.packaged) return wait('this is a development build; only an installed Copydesk updates')
  if (!now.settings.enabled) return wait('the desk turned updates off in Desk settings')
  const { phase } = now
  switch (event.kind) {
    case 'start':
    case 'tick': {
      if (phase.kind === 'checking') return wait('a check is under way')
      if (phase.kind === 'downloading') return wait(`${phase.version} is downloading`)
      if (phase.kind === 'downloaded')
        return wait(`${phase.version} is downloaded and installs when Copydesk quits`)
      const due =
        event.kind === 'start' ||
        now.lastCheckAt === null ||
        now.now.getTime() - now.lastCheckAt.getTime() >= CHECK_EVERY_MS
      return due
        ? { action: 'check', channel: now.settings.channel }
        : wait('the last check was less than a day ago')
    }
    case 'found': {
      const refused = refuseVersion(event.version, now)
      if (refused) return wait(refused)
      if (phase.kind === 'downloading') return wait(`${phase.version} is downloading`)
      if (phase.kind === 'downloaded' && compareVersions(event.version, phase.version) <= 0)
        return wait(`${phase.version} is already downloaded`)
      return { action: 'download', version: event.version }
    }
    case 'downloaded': {
      const refused = refuseVersion(event.version, now)
      return refused ? wait(refused) : { action: 'offer-restart', version: event.version }
    }
  }
}

function refuseVersion(version: string, now: UpdateSituation): string | null {
  const found = parseVersion(version)
  if (!found) return `the feed named "${version}", which is not a version`
  if (compareVersions(version, now.currentVersion) <= 0)
    return `${version} is not newer than this Copydesk (${now.currentVersion}); Copydesk never downgrades`
  if (now.settings.channel === 'latest' && found.pre.length > 0)
    return `${version} is a pre-release and the desk is on the stable channel`
  return null
}

function wait(reason: string): UpdateDecision {
  return { action: 'wait', reason }
}
