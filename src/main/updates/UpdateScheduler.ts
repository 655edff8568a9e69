import type { Clock } from '../../shared/domain/Clock'
import type { UpdateChannel, UpdateSettings } from '../../shared/domain/DeskSettings'
import { decideUpdateOffer, type UpdateEvent, type UpdatePhase } from './decideUpdateOffer'

/** What the scheduler needs of electron-updater and the dialog; startUpdates.ts supplies it. */
export type UpdaterPort = {
  /** Asks the feed on `channel`: the version it offers this installation, or null. */
  check(channel: UpdateChannel): Promise<string | null>
  /** Fetches the update the last check found, in the background; resolves once it is on disk. */
  download(): Promise<void>
  /** Asks the user whether to restart now to install `version`. */
  askRestart(version: string): Promise<boolean>
  /** Quits, installs the downloaded update and starts the new version. */
  restartAndInstall(): void
}

export type UpdateLog = {
  info(scope: string, what: string, cause?: unknown): void
  warn(scope: string, what: string, cause?: unknown): void
}

type Deps = {
  updater: UpdaterPort
  packaged: boolean
  currentVersion: string
  /** The desk's update settings as they are now (the desk can change them at any time). */
  settings: () => UpdateSettings
  clock: Clock
  log: UpdateLog
}

/**
 * Runs decideUpdateOffer against the real updater: keeps the phase and the time of the last check,
 * and acts on each decision. Failures (offline, a feed that does not answer) are logged and the
 * next daily check tries again; they never interrupt the user.
 */
export class UpdateScheduler {
  private phase: UpdatePhase = { kind: 'idle' }
  private lastCheckAt: Date | null = null

  constructor(private readonly deps: Deps) {}

  /** Where the updater is, for the log and the tests. */
  get state(): UpdatePhase {
    return this.phase
  }

  async handle(event: UpdateEvent): Promise<void> {
    const { updater, log } = this.deps
    const decision = decideUpdateOffer(event, {
      packaged: this.deps.packaged,
      settings: this.deps.settings(),
      currentVersion: this.deps.currentVersion,
      now: this.deps.clock.now(),
      lastCheckAt: this.lastCheckAt,
      phase: this.phase,
    })
    switch (decision.action) {
      case 'wait':
        // The hourly timer's "not yet" would fill the log; everything else is worth a line.
        if (event.kind !== 'tick') log.info('updates', `No update now: ${decision.reason}`)
        return
      case 'check': {
        this.phase = { kind: 'checking' }
        this.lastCheckAt = this.deps.clock.now()
        let version: string | null = null
        try {
          version = await updater.check(decision.channel)
        } catch (error) {
          log.warn('updates', `The update feed (${decision.channel}) could not be read`, error)
        } finally {
          this.phase = { kind: 'idle' }
        }
        if (version !== null) await this.handle({ kind: 'found', version })
        return
      }
      case 'download': {
        log.info('updates', `Downloading Copydesk ${decision.version} in the background`)
        const previous = this.phase
        this.phase = { kind: 'downloading', version: decision.version }
        try {
          await updater.download()
        } catch (error) {
          this.phase = previous
          log.warn('updates', `Copydesk ${decision.version} could not be downloaded`, error)
          return
        }
        await this.handle({ kind: 'downloaded', version: decision.version })
        return
      }
      case 'offer-restart': {
        this.phase = { kind: 'downloaded', version: decision.version }
        const now = await updater.askRestart(decision.version)
        log.info(
          'updates',
          now
            ? `Restarting to install Copydesk ${decision.version}`
            : `Copydesk ${decision.version} installs when Copydesk quits`,
        )
        if (now) updater.restartAndInstall()
        return
      }
    }
  }
}
