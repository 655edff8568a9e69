import type { AppProblems } from '../../shared/domain/AppProblem'
import type { DeskSettings } from '../../shared/domain/DeskSettings'
import type { AppInfo } from '../../shared/ipc/contract'
import type { AgencyKillService } from '../services/AgencyKillService'
import type { ArticleService } from '../services/ArticleService'
import type { ImportService } from '../services/ImportService'
import type { ExportService } from '../services/ExportService'
import type { OutboxService } from '../services/OutboxService'
import type { CmsTargets } from '../services/CmsTargets'
import type { SecretStore } from '../store/SecretStore'
import type { WorkflowService } from '../services/WorkflowService'
import type { ProfileStore } from '../store/ProfileStore'
import type { DeskSettingsStore } from '../store/DeskSettingsStore'
import type { DeskMembership } from '../desk/DeskMembership'
import type { SyncService } from '../sync/SyncService'
import type { LeaseKeeper } from '../sync/LeaseKeeper'
import type { DeskOutbox } from '../sync/DeskOutbox'
import type { PictureService } from '../media/PictureService'
import type { Handlers } from './createDispatcher'

/** Wires each contract method to its service; thin on purpose, the services hold the logic. */
export function createHandlers(services: {
  articles: ArticleService
  imports: ImportService
  kills: AgencyKillService
  settings: DeskSettingsStore
  workflow: WorkflowService
  exports: ExportService
  outbox: OutboxService
  secrets: SecretStore
  targets: CmsTargets
  profiles: ProfileStore
  desk: DeskMembership
  /** The sync of the desk joined: what windows watch. */
  sync: SyncService
  /** Story leases while joined to a desk (see LeaseKeeper). */
  leases: LeaseKeeper
  /** Refuses what needs the desk joined (a push) while it cannot be reached; standalone: nothing. */
  reachDesk?: (action: 'push') => Promise<void>
  /** While joined, pushes go to the desk's outbox (see DeskOutbox); null standalone: the local one. */
  deskOutbox?: () => DeskOutbox | null
  info: () => AppInfo
  /** Failures of this run the desk should know about (see log.problem). */
  appProblems: () => AppProblems
  onSettingsSaved?: ((settings: DeskSettings) => void) | undefined
  /** A story's pictures (issue 16). */
  pictures: PictureService
}): Handlers {
  const { articles, imports, settings, workflow, profiles, exports, outbox, targets } = services
  return {
    listArticles: (input) => articles.list(input),
    getArticle: (input) => articles.get(input),
    createArticle: (input) => articles.create(input),
    saveArticle: (input) => articles.save(input),
    trashArticle: (input) => articles.trash(input),
    restoreArticle: (input) => articles.restore(input),
    listTrash: () => articles.listTrash(),
    listProblems: () => articles.problems(),
    dismissProblem: async (input) => {
      await articles.dismissProblem(input.id)
      return {}
    },
    appInfo: async () => services.info(),
    listAppProblems: async () => services.appProblems(),
    listTags: () => articles.tags(),
    getSettings: async () => settings.get(),
    saveSettings: async (input) => {
      // A CMS URL moved to another origin forgets the secret entered for the old one.
      const saved = await targets.save(input)
      services.onSettingsSaved?.(saved.settings)
      return saved
    },
    proposeImport: async (input) => imports.propose(input),
    // A workstation that joined a desk works as the desk account; a standalone one as its profile.
    getProfile: async () => services.desk.profile() ?? profiles.get(),
    setProfile: (input) => {
      services.desk.assertStandalone()
      return profiles.set(input)
    },
    // Joining starts syncing at once; leaving stops it (the local stories stay).
    joinDesk: async (input) => {
      const joined = await services.desk.join(input)
      await services.sync.deskChanged()
      return joined
    },
    leaveDesk: async () => {
      const left = await services.desk.leave()
      await services.sync.deskChanged()
      return left
    },
    deskStatus: () => services.desk.status(),
    openForEditing: (input) => services.leases.openForEditing(input.storyId),
    watchEditing: (input) => services.leases.watchEditing(input.storyId, input.after, input.waitMs),
    closeEditing: (input) => services.leases.closeEditing(input.storyId),
    takeOverLease: (input) => services.leases.takeOverLease(input.storyId, input.note),
    listLeases: () => services.leases.listLeases(),
    transition: async (input) => {
      // "Mark published" is refused while the story's WordPress post waits as a draft.
      if (input.action === 'publish') outbox.assertMayMarkPublished(input.id)
      // Joined: the same rule over the desk's outbox, where a joined workstation's pushes are.
      if (input.action === 'publish')
        await services.deskOutbox?.()?.assertMayMarkPublished(input.id)
      return workflow.transition(input)
    },
    saveVersion: (input) => workflow.saveVersion(input),
    listRevisions: (input) => workflow.revisions(input),
    getRevision: (input) => workflow.revision(input),
    diffRevisions: (input) => workflow.diff(input),
    restoreRevision: (input) => workflow.restore(input),
    addNote: (input) => workflow.addNote(input),
    listNotes: (input) => workflow.notes(input),
    getAudit: (input) => workflow.auditTrail(input),
    getQueue: () => workflow.queue(),
    validateExport: (input) => exports.validate(input),
    exportArticles: (input) => exports.exportToFolder(input),
    pushArticle: async (input) => {
      await services.reachDesk?.('push')
      const desk = services.deskOutbox?.()
      if (desk) return desk.push(input)
      return outbox.push(input)
    },
    listOutbox: async (input) => {
      const desk = services.deskOutbox?.()
      if (desk) return desk.list(input)
      return outbox.list(input)
    },
    retryPush: async (input) => {
      await services.reachDesk?.('push')
      const desk = services.deskOutbox?.()
      if (desk) return desk.retry(input)
      return outbox.retry(input)
    },
    setSecret: (input) => targets.setSecret(input.name, input.value),
    getSecretStatus: async () => targets.status(),
    checkPush: async (input) => {
      const desk = services.deskOutbox?.()
      if (desk) return desk.check(input)
      return outbox.check(input)
    },
    setCorrectionNote: (input) => workflow.writeCorrectionNote(input),
    setEmbargo: (input) => workflow.setEmbargo(input),
    scheduleArticle: (input) => workflow.schedule(input),
    testConnection: (input) => targets.testWordPress(input),
    recordAgencyKill: (input) => services.kills.record(input),
    acknowledgeAgencyKill: (input) => services.kills.acknowledge(input),
    watchSync: (input) => services.sync.watch(input),
    markInboxRead: (input) => services.sync.markInboxRead(input.ids),
    resolveSyncConflict: (input) => services.sync.resolveConflict(input),
    dismissSyncRefusal: async () => services.sync.dismissRefusal(),
    addPicture: (input) => services.pictures.add(input),
    fetchPicture: (input) => services.pictures.fetch(input),
    listPictures: (input) => services.pictures.list(input),
    importPicture: (input) => services.pictures.import(input),
    readPicture: (input) => services.pictures.read(input),
    downloadPicture: (input) => services.pictures.downloadForEditor(input),
  }
}
