import type { DeskConnection } from '../../shared/desk/DeskConnection'
import type { Clock } from '../../shared/domain/Clock'
import type { WorkflowAction } from '../../shared/domain/workflow'
import type { DeskMembership } from '../desk/DeskMembership'
import type { MediaStore } from '../media/MediaStore'
import type { MediaId } from '../../shared/media/MediaId'
import type { DeskPictures } from './DeskPictures'
import type { DeskWorkflow } from '../services/WorkflowService'
import type { ArticleRepository } from '../store/ArticleRepository'
import type { DataDirAccess } from '../store/DataDirAccess'
import type { HistoryStore } from '../store/HistoryStore'
import type { Quarantine } from '../store/Quarantine'
import { ClockSkew } from './ClockSkew'
import { DeskOutbox } from './DeskOutbox'
import { needsTheDesk } from './needsTheDesk'
import { openSync } from './openSync'
import type { SwitchingArticleRepository } from './SwitchingArticleRepository'
import type { SyncedArticleRepository } from './SyncedArticleRepository'
import type { SyncEngine } from './SyncEngine'
import type { SyncEvents, SyncLink } from './SyncService'

export type DeskSyncOptions = {
  dataDir: string
  access: DataDirAccess
  quarantine: Quarantine
  clock: Clock
  desk: DeskMembership
  /** The data folder's own store, and the one the services hold (swapped while joined). */
  local: ArticleRepository
  stories: SwitchingArticleRepository
  history: HistoryStore
  /** Sync in the background (the app and the browser host); the command line pushes on close. */
  run: boolean
  retry?: { firstMs: number; maxMs: number } | undefined
  pageSize?: number | undefined
  /** The data folder's pictures: they travel with the stories to and from the desk. */
  media?: MediaStore | undefined
  /** The feed says a story's lease changed (the lease keeper of the open editors listens). */
  onLeaseChanged?: ((storyId: string) => void) | undefined
}

/**
 * The sync of the desk a workstation joined, as the services see it: `connect` opens it (the
 * synced store in place of the local one, the engine started where the workstation runs in the
 * background), `workflow` is the desk's part in the workflow while joined, `reachDesk` refuses
 * what needs the desk while it cannot be reached.
 */
export function deskSync(options: DeskSyncOptions) {
  const skew = new ClockSkew(options.clock)
  let current: {
    engine: SyncEngine
    repository: SyncedArticleRepository
    pushes: DeskOutbox
    pictures: DeskPictures | null
  } | null = null

  async function connect(connection: DeskConnection, events: SyncEvents): Promise<SyncLink | null> {
    // A folder that cannot be written cannot keep a queue or a cursor: it reads what it has.
    if (options.access.readOnly) return null
    const client = options.desk.deskClient(skew.watch(options.desk.deskFetch))
    if (client === null) return null
    const opened = await openSync({
      dataDir: options.dataDir,
      client,
      local: options.local,
      history: options.history,
      quarantine: options.quarantine,
      clock: options.clock,
      who: connection.account.name,
      retry: options.retry,
      pageSize: options.pageSize,
      onLeaseChanged: options.onLeaseChanged,
      media: options.media,
      ...events,
    })
    const { engine, repository, pictures } = opened
    const status = () => ({ ...engine.status(), clockSkewMs: skew.ms })
    skew.onChange(() => {
      if (current?.engine === engine) events.onStatus(status())
    })
    const pushes = new DeskOutbox({ client, reachDesk: (action) => engine.reachDesk(action) })
    current = { engine, repository, pushes, pictures }
    options.stories.use(repository)
    if (options.run) engine.start()
    return {
      status,
      dismissRefused: () => engine.dismissRefused(),
      resume: () => {
        if (options.run) engine.start()
      },
      drain: (waitMs) => engine.drain(waitMs),
      lastActor: async (storyId) => {
        const { entries } = await client.getAudit({ id: storyId })
        const last = entries.findLast((entry) => entry.action.startsWith('transition:'))
        return last?.actor ?? null
      },
      close: async () => {
        if (current?.engine === engine) {
          current = null
          options.stories.use(null)
        }
        await engine.stop()
        await pictures?.close()
        await opened.queue.close()
      },
    }
  }

  function workflow(): DeskWorkflow | null {
    const joined = current
    if (joined === null) return null
    const { engine, repository } = joined
    return {
      addNote: (storyId, text, by) => engine.addNote(storyId, text, by),
      transition: async (storyId, action, note) => {
        const outcome = await engine.transition(storyId, action, note)
        return { queued: outcome.queued }
      },
      updateLocally: (id, base, change) => repository.updateLocally(id, base, change),
      queuedMessage: () =>
        engine.status().connection === 'online'
          ? 'Submitted: on its way to the desk.'
          : 'Submitted on this computer: it will reach the desk when online.',
    }
  }

  /** Refuses an action that needs the desk (approve, publish, push) while it cannot be reached. */
  async function reachDesk(action: WorkflowAction | 'push'): Promise<void> {
    await current?.engine.reachDesk(action)
  }

  /**
   * The desk's outbox while joined (a push goes to the desk, never the local outbox); null for a
   * standalone workstation. Joined but not syncing (the sync could not open): refused as offline.
   */
  function outbox(): DeskOutbox | null {
    if (current !== null) return current.pushes
    if (options.desk.connection() === null) return null
    throw needsTheDesk('push')
  }

  /**
   * A picture a story uses that is not in the data folder, fetched from the desk while joined: null
   * once it is here (or with no desk to ask), else why not (the desk lacks it or cannot be reached).
   */
  async function fetchPicture(id: MediaId): Promise<string | null> {
    const pictures = current?.pictures
    if (!pictures) return null
    return pictures.fetchOne(id)
  }

  return { connect, workflow, reachDesk, outbox, fetchPicture }
}
