import { app, BrowserWindow, dialog } from 'electron'
import electronUpdater from 'electron-updater'
import { systemClock } from '../../shared/domain/Clock'
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from '../../shared/domain/DeskSettings'
import { APP_VERSION } from '../appVersion'
import { log } from '../log/log'
import { UpdateScheduler, type UpdaterPort } from './UpdateScheduler'

/** How often the timer asks whether the daily check is due (the decision keeps it to once a day). */
const TICK_MS = 60 * 60 * 1000

/**
 * Updates of the installed app from the generic feed in its app-update.yml (written by
 * electron-builder from electron-builder.yml's publish). electron-updater checks the installer's
 * signature before installing on Windows (the publisher of the running app) and Squirrel.Mac checks
 * the new app's code signature on macOS; the AppImage and deb are checked against the feed's sha512.
 * @param settings the desk's settings as they are now (undefined before the store is open)
 */
export function startUpdates(settings: () => DeskSettings | undefined): void {
  // CommonJS package: its autoUpdater is a lazy getter that Node's named-export detection misses.
  const { autoUpdater } = electronUpdater
  autoUpdater.logger = {
    info: (message?: unknown) => log.info('updates', `electron-updater: ${String(message)}`),
    warn: (message?: unknown) => log.warn('updates', `electron-updater: ${String(message)}`),
    error: (message?: unknown) => log.warn('updates', `electron-updater: ${String(message)}`),
  }
  // The scheduler downloads only what decideUpdateOffer accepts (newer, on the desk's channel).
  autoUpdater.autoDownload = false
  autoUpdater.autoInstallOnAppQuit = true
  const port: UpdaterPort = {
    check: async (channel) => {
      autoUpdater.channel = channel
      autoUpdater.allowPrerelease = channel !== 'latest'
      // Setting the channel allows downgrades; Copydesk never goes back a version.
      autoUpdater.allowDowngrade = false
      const result = await autoUpdater.checkForUpdates()
      return result?.isUpdateAvailable ? result.updateInfo.version : null
    },
    download: async () => {
      await autoUpdater.downloadUpdate()
    },
    askRestart: async (version) => {
      const options = {
        type: 'info' as const,
        title: 'Copydesk update',
        message: `Copydesk ${version} is ready to install`,
        detail:
          'Restart now to install it. Your stories are saved as you type. If you choose Later, it installs the next time Copydesk quits.',
        buttons: ['Restart now', 'Later'],
        defaultId: 1,
        cancelId: 1,
      }
      const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
      const answer = window
        ? await dialog.showMessageBox(window, options)
        : await dialog.showMessageBox(options)
      return answer.response === 0
    },
    restartAndInstall: () => autoUpdater.quitAndInstall(),
  }
  const scheduler = new UpdateScheduler({
    updater: port,
    packaged: app.isPackaged,
    currentVersion: APP_VERSION,
    settings: () => (settings() ?? DEFAULT_DESK_SETTINGS).updates,
    clock: systemClock,
    log,
  })
  const run = (event: Parameters<UpdateScheduler['handle']>[0]) =>
    scheduler
      .handle(event)
      .catch((error: unknown) => log.warn('updates', 'The update check stopped', error))
  void run({ kind: 'start' })
  setInterval(() => void run({ kind: 'tick' }), TICK_MS).unref()
}
