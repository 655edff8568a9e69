import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  Notification,
  safeStorage,
  session,
  shell,
} from 'electron'
import electronLog from 'electron-log/main'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppError } from '../shared/ipc/AppError'
import { choosePageUrl } from './app/choosePageUrl'
import { cliInvocation } from './app/cliInvocation'
import { filesToOpen } from './app/filesToOpen'
import { APP_VERSION } from './appVersion'
import { CONTENT_SECURITY_POLICY } from './host/contentSecurityPolicy'
import type { DeskSettings } from '../shared/domain/DeskSettings'
import type { InboxItem } from '../shared/domain/SyncSnapshot'
import { declareAppScheme, serveAppScheme } from './ipc/appProtocol'
import { buildMenu } from './ipc/buildMenu'
import { contextMenuTemplate } from './ipc/contextMenuTemplate'
import { isOwnPageUrl } from './ipc/isOwnPageUrl'
import { installLogSink, log } from './log/log'
import type { LogSink } from './log/LogSink'
import { receiveOpenedFiles } from './ipc/receiveOpenedFiles'
import { registerIpc } from './ipc/registerIpc'
import { runCliInApp } from './ipc/runCliInApp'
import { openWorkstation, type Workstation } from './openWorkstation'
import { defaultUserDataDir, resolveDataDir } from './resolveDataDir'
import { startUpdates } from './updates/startUpdates'

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
const searchWorker = fileURLToPath(new URL('./searchWorker.js', import.meta.url))
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
const page = choosePageUrl(app.isPackaged, process.env)
const pageUrl = page.url

let workstation: Workstation | undefined

const cliArgs = cliInvocation({
  argv: process.argv,
  defaultApp: Boolean(process.defaultApp),
  invokedAs: process.argv0,
  execPath: process.execPath,
})
if (cliArgs) runCliInApp(cliArgs, () => import('../cli/runCliProcess'))
else startApp()

function startApp(): void {
  app.enableSandbox()
  declareAppScheme()
  // The CLI finds the default data folder without Electron: pin it whatever the product name says.
  app.setPath('userData', defaultUserDataDir(process.env))
  const opened = receiveOpenedFiles(
    (url) => isOwnPageUrl(url, pageUrl),
    () => workstation !== undefined,
    createWindow,
  )
  // One process per user owns the store; a second launch opens a window (or its files) in the first.
  if (!app.requestSingleInstanceLock()) return app.quit()
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const paths = filesToOpen(argv, Boolean(process.defaultApp), workingDirectory)
    if (paths.length > 0) void opened.add(paths)
    else createWindow()
  })
  void opened.add(filesToOpen(process.argv, Boolean(process.defaultApp), process.cwd()))
  app.whenReady().then(start, (error: unknown) => fatal(error))
}

async function start(): Promise<void> {
  try {
    const dataDir = resolveDataDir(process.argv, process.env, app.getPath('userData'))
    installLogSink(electronLogSink(join(dataDir, 'logs')))
    workstation = await openWorkstation({
      dataDir,
      host: 'electron',
      version: APP_VERSION,
      runOutbox: true,
      runSync: true,
      onInbox: notifyInbox,
      searchWorker,
      secretCipher: safeStorage.isEncryptionAvailable()
        ? {
            kind: 'os-keychain',
            encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
            decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
          }
        : null,
      onSettingsSaved: applySpellcheck,
    })
  } catch (error) {
    return fatal(error)
  }
  if (page.ignored) log.warn('app', page.ignored)
  serveAppScheme(rendererDir)
  applySpellcheck(workstation.settings.get())
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    })
  })
  registerIpc(workstation.dispatch, (url) => isOwnPageUrl(url, pageUrl))
  Menu.setApplicationMenu(buildMenu(createWindow))
  createWindow()
  startUpdates(() => workstation?.settings.get())
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
}

const INBOX_WORDS: Record<InboxItem['kind'], string> = {
  note: 'added a note to',
  'sent-back': 'sent back',
  approved: 'approved',
  published: 'published',
}

/** A system notification for each new inbox item: the writer sees it with Copydesk in the background. */
function notifyInbox(items: readonly InboxItem[]): void {
  if (!Notification.isSupported()) return
  for (const item of items) {
    const notice = new Notification({
      title: `${item.by} ${INBOX_WORDS[item.kind]} “${item.headline || 'Untitled'}”`,
      body: item.body ?? '',
    })
    notice.on('click', () => BrowserWindow.getAllWindows()[0]?.focus())
    notice.show()
  }
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Copydesk',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  })
  window.once('ready-to-show', () => window.show())
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPageUrl(url, pageUrl)) {
      event.preventDefault()
      if (/^https?:\/\//i.test(url)) openExternal(url)
    }
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.webContents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, {
      replaceMisspelling: (word) => window.webContents.replaceMisspelling(word),
      addToDictionary: (word) => window.webContents.session.addWordToSpellCheckerDictionary(word),
    })
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window })
  })
  window
    .loadURL(pageUrl)
    .catch((error: unknown) => log.error('app', 'The window could not load the app page', error))
}

function openExternal(url: string): void {
  shell
    .openExternal(url)
    .catch((error: unknown) => log.warn('app', 'The system could not open a link', error))
}

/**
 * electron-log, writing `<data folder>/logs/copydesk.log` (past 1 MB it becomes copydesk.old.log),
 * readable by the user only, like the browser host's and the CLI's FileLogSink.
 */
function electronLogSink(dir: string): LogSink {
  const file = join(dir, 'copydesk.log')
  electronLog.transports.file.resolvePathFn = () => file
  electronLog.transports.file.maxSize = 1024 * 1024
  electronLog.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }
  return { file, write: (level, text) => electronLog[level](text) }
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

let closing = false
app.on('will-quit', (event) => {
  if (!workstation || closing) return
  closing = true
  event.preventDefault()
  void workstation
    .close()
    .catch((error: unknown) => log.error('app', 'The store could not be closed cleanly', error))
    .finally(() => app.quit())
})

/** Uses the desk's spellcheck languages that this Chromium has dictionaries for (macOS uses the system's). */
function applySpellcheck(settings: DeskSettings): void {
  if (process.platform === 'darwin') return
  const available = session.defaultSession.availableSpellCheckerLanguages
  const languages = settings.spellcheckLanguages.filter((language) => available.includes(language))
  session.defaultSession.setSpellCheckerLanguages(languages.length > 0 ? languages : ['en-US'])
}

function fatal(error: unknown): void {
  const message =
    error instanceof AppError ? error.message : `Copydesk could not start: ${String(error)}`
  dialog.showErrorBox('Copydesk', message)
  app.exit(1)
}
