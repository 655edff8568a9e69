import { randomUUID } from 'node:crypto'
import { hostname, userInfo } from 'node:os'
import { systemClock, type Clock } from '../shared/domain/Clock'
import type { DeskSettings } from '../shared/domain/DeskSettings'
import type { AppInfo } from '../shared/ipc/contract'
import { createClient, type Client } from '../shared/ipc/createClient'
import { createDispatcher, type Dispatcher, type Handlers } from './ipc/createDispatcher'
import { createHandlers } from './ipc/createHandlers'
import { refuseWrites } from './ipc/refuseWrites'
import { ArticleService } from './services/ArticleService'
import { ExportService } from './services/ExportService'
import { AgencyKillService } from './services/AgencyKillService'
import { ImportService } from './services/ImportService'
import { OutboxService } from './services/OutboxService'
import { OutboxStore } from './store/OutboxStore'
import { SecretStore, type SecretCipher } from './store/SecretStore'
import { clientForTarget } from '../cms/clientForTarget'
import { CmsTargets } from './services/CmsTargets'
import { WorkflowService } from './services/WorkflowService'
import { HistoryRepository } from './store/HistoryRepository'
import { ProfileStore } from './store/ProfileStore'
import { DeskSettingsStore } from './store/DeskSettingsStore'
import { LowdbArticleRepository } from './store/LowdbArticleRepository'
import type { DataDirAccess } from './store/DataDirAccess'
import { log } from './log/log'
import { DeskMembership } from './desk/DeskMembership'
import { SyncInbox } from './sync/SyncInbox'
import { SyncService } from './sync/SyncService'
import { LeaseKeeper } from './sync/LeaseKeeper'
import { SwitchingArticleRepository } from './sync/SwitchingArticleRepository'
import { deskSync } from './sync/deskSync'
import type { InboxItem } from '../shared/domain/SyncSnapshot'
import { downloadPicture, type DownloadOptions } from './media/downloadPicture'
import { pictureLimitsOf } from '../shared/media/PictureLimits'
import { MediaStore } from './media/MediaStore'
import { PictureImporter } from './media/PictureImporter'
import { PictureService } from './media/PictureService'
import { sweepMedia } from './media/sweepMedia'
import { deskTimeZone } from '../shared/domain/deskTime'

export type Workstation = {
  dataDir: string
  articles: ArticleService
  settings: DeskSettingsStore
  workflow: WorkflowService
  exports: ExportService
  outbox: OutboxService
  profiles: ProfileStore
  /** The desk server this workstation joined, if any. */
  desk: DeskMembership
  /** The sync of the desk joined, and what windows watch of it. */
  sync: SyncService
  /** The edit leases of the stories open here, while joined (the sync engine's feed tells it of changes). */
  leases: LeaseKeeper
  /** Whether the data folder could be written; a read-only one is opened without its lock. */
  access: DataDirAccess
  /** The service call behind each contract method (for tests that swap one). */
  handlers: Handlers
  /** Untrusted (method, payload) pairs in, envelopes out: what IPC and HTTP carry. */
  dispatch: Dispatcher
  /** The same calls, typed from the contract: what the CLI and the tests use. */
  client: Client
  /** Picture files in media/ (issue 16). */
  media: MediaStore
  /** Resolves once the store's background writes have landed (tests wait on it, never on a timer). */
  idle: () => Promise<void>
  close: () => Promise<void>
}

export type WorkstationOptions = {
  /** How long a picture download may take (default 30 s). */
  pictureDownloadTimeoutMs?: number
  /** Tests reach their own https server: its certificate, and no address refused. */
  pictureDownload?: Pick<DownloadOptions, 'blocked' | 'ca'>
  dataDir: string
  host: AppInfo['host'] | 'cli'
  version: string
  /** The time every service and store reads (a fake one in tests). */
  clock?: Clock
  user?: () => string
  /** Called after the desk settings change, e.g. to apply spellcheck languages in Electron. */
  onSettingsSaved?: (settings: DeskSettings) => void
  /** Electron's safeStorage, where the OS keychain is available. */
  secretCipher?: SecretCipher | null
  /** Send queued pushes in the background (the app and the browser host; the CLI sends once). */
  runOutbox?: boolean
  /** How long a CMS may take to answer; tests shorten it. */
  cmsTimeoutMs?: number
  /** Parse every answer against the contract (default: see DispatcherOptions). */
  checkOutputs?: boolean
  /** See RepositoryOptions.searchWorker. */
  searchWorker?: string
  /** The fetch desk calls use (the platform's unless a test gives one). */
  deskFetch?: typeof fetch
  /** How long a desk server may take to answer one call. */
  deskTimeoutMs?: number
  /** Sync with the desk joined in the background (the app and the browser host; the CLI pushes on close). */
  runSync?: boolean
  /** Waits between attempts while the desk cannot be reached (tests shorten them). */
  syncRetry?: { firstMs: number; maxMs: number }
  /** Stories per page of the first sync. */
  syncPageSize?: number
  /** New items in the writer's inbox (Electron shows a system notification for each). */
  onInbox?: (items: readonly InboxItem[]) => void
}

const PURPOSES = { electron: 'desktop app', web: 'browser host', cli: 'command line' } as const

/**
 * Opens the store in `dataDir` (taking its lock) and builds the services and the IPC dispatcher over
 * it. A folder that cannot be written is opened read-only: everything reads, every write is refused.
 */
export async function openWorkstation(options: WorkstationOptions): Promise<Workstation> {
  const clock = options.clock ?? systemClock
  // Problems of earlier workstations in this process (tests open many) are not this one's.
  const since = log.mark()
  const repository = await LowdbArticleRepository.open(options.dataDir, {
    purpose: PURPOSES[options.host],
    clock,
    searchWorker: options.searchWorker,
  })
  const { access, quarantine } = repository
  const settings = await DeskSettingsStore.open(options.dataDir, quarantine, access)
  const fallbackUser = options.user ?? currentUser
  const profiles = await ProfileStore.open(options.dataDir, quarantine, access, () => ({
    name: fallbackUser(),
    role: 'writer',
  }))
  const secrets = await SecretStore.open(
    options.dataDir,
    options.secretCipher ?? null,
    quarantine,
    access,
  )
  const desk = await DeskMembership.open(options.dataDir, quarantine, access, secrets, {
    clock,
    deviceName: () => `Copydesk on ${hostname() || fallbackUser()}`,
    ...(options.deskFetch ? { fetch: options.deskFetch } : {}),
    ...(options.deskTimeoutMs === undefined ? {} : { timeoutMs: options.deskTimeoutMs }),
  })
  // A workstation that joined a desk works as the desk account; a standalone one as its profile.
  const profile = () => desk.profile() ?? profiles.get()
  const user = () => profile()?.name ?? fallbackUser()
  const history = new HistoryRepository(options.dataDir, quarantine, access, clock)
  const leases = new LeaseKeeper({
    client: () => desk.deskClient(),
    isDeskChief: () => desk.profile()?.role === 'desk-chief',
    clock,
  })
  // The services hold this one: the local store, or while joined the synced one in front of it.
  const stories = new SwitchingArticleRepository(repository)
  const media = await MediaStore.open({ dataDir: options.dataDir, quarantine, access, clock })
  const joined = deskSync({
    dataDir: options.dataDir,
    access,
    quarantine,
    clock,
    desk,
    local: repository,
    stories,
    history,
    run: options.runSync === true,
    retry: options.syncRetry,
    pageSize: options.syncPageSize,
    onLeaseChanged: (storyId) => leases.leaseChanged(storyId),
    media,
  })
  const articles = new ArticleService(stories, history, {
    clock,
    user,
    newId: randomUUID,
    role: () => profile()?.role ?? null,
    timeZone: () => deskTimeZone(settings.get().timeZone),
  })
  const workflowEnv = { clock, profile, desk: joined.workflow }
  const workflow: WorkflowService = new WorkflowService(stories, history, settings, workflowEnv)
  const outboxStore = await OutboxStore.open(options.dataDir, quarantine, access)
  const targets = new CmsTargets(settings, secrets, options.cmsTimeoutMs)
  await targets.bindUnbound()
  const exports = new ExportService(stories, workflow, settings, {
    clock,
    media,
    generator: `Copydesk ${options.version}`,
  })
  const outbox = new OutboxService(outboxStore, exports, workflow, {
    clock,
    media,
    profile,
    timeZone: () => deskTimeZone(settings.get().timeZone),
    joined: () => desk.connection() !== null,
    client: (target) =>
      clientForTarget(target, settings.get(), secrets, {
        deskId: outboxStore.deskId,
        timeoutMs: options.cmsTimeoutMs,
      }),
  })
  // A read-only folder cannot record a push's progress, so nothing is sent from it.
  if (options.runOutbox && !access.readOnly) outbox.start()
  // The desk app builds its search index while the editor is already usable; the CLI only if it searches.
  if (options.host !== 'cli')
    void repository
      .warmSearch()
      .catch((error: unknown) =>
        log.problem(
          'search',
          'Search could not be prepared at start: a search may fail until Copydesk is started again.',
          error,
        ),
      )
  const info = (): AppInfo => ({
    dataDir: options.dataDir,
    host: options.host === 'electron' ? 'electron' : 'web',
    version: options.version,
    user: user(),
    ...(access.readOnly ? { readOnly: { reason: access.reason } } : {}),
  })
  const sync = new SyncService({
    clock,
    inbox: await SyncInbox.open(options.dataDir, quarantine, access),
    connection: () => desk.connection(),
    connect: joined.connect,
    story: (id) => stories.get(id),
    restore: (id, seq) => workflow.restore({ id, seq }),
    ...(options.onInbox ? { onInbox: options.onInbox } : {}),
  })
  await sync.deskChanged()
  const pictures = new PictureService(
    articles,
    new PictureImporter({ media, settings: () => settings.get(), clock }),
    media,
    (href) =>
      downloadPicture(href, {
        maxBytes: pictureLimitsOf(settings.get()).maxBytes,
        timeoutMs: options.pictureDownloadTimeoutMs ?? 30_000,
        ...options.pictureDownload,
      }),
    (id) => joined.fetchPicture(id),
  )
  // Pictures no story uses any more go after their grace period; the app's start does not wait.
  const mediaSweep =
    access.readOnly || options.host === 'cli'
      ? Promise.resolve()
      : repository
          .checked()
          .then(() => sweepMedia(options.dataDir, media, clock.now()))
          .then(
            () => undefined,
            (error: unknown) => log.warn('media', 'Could not sweep unused pictures', error),
          )
  const handlers = createHandlers({
    pictures,
    articles,
    imports: new ImportService(clock, stories),
    kills: new AgencyKillService(stories, workflow, workflowEnv),
    settings,
    workflow,
    profiles,
    desk,
    sync,
    leases,
    reachDesk: joined.reachDesk,
    deskOutbox: joined.outbox,
    exports,
    outbox,
    secrets,
    targets,
    info,
    appProblems: () => ({ problems: log.problemsSince(since), logFile: log.file() }),
    onSettingsSaved: options.onSettingsSaved,
  })
  const dispatch = refuseWrites(
    createDispatcher(handlers, { checkOutputs: options.checkOutputs }),
    access,
  )
  return {
    dataDir: options.dataDir,
    articles,
    settings,
    workflow,
    exports,
    outbox,
    profiles,
    desk,
    sync,
    leases,
    access,
    handlers,
    dispatch,
    client: createClient(dispatch),
    media,
    idle: () => repository.idle().then(() => mediaSweep),
    close: async () => {
      await mediaSweep
      await leases.closeAll()
      await sync.close()
      await outbox.stop()
      await repository.close()
    },
  }
}

function currentUser(): string {
  try {
    return userInfo().username
  } catch {
    return 'editor'
  }
}
