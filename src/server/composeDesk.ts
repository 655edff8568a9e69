import { join } from 'node:path'
import type { deskAccountCalls } from '../shared/desk/calls/deskAccountCalls'
import type { deskStoryCalls } from '../shared/desk/calls/deskStoryCalls'
import type { Clock } from '../shared/domain/Clock'
import { AccountService } from './accounts/AccountService'
import { createAccountHandlers } from './accounts/createAccountHandlers'
import type { Db } from './db/Db'
import { migrate, type Migration } from './db/migrate'
import { grantServingRole } from './db/grantServingRole'
import { openPostgresDb } from './db/openPostgresDb'
import { openDb } from './db/openDb'
import { deskReadiness } from './deskReadiness'
import type { DeskGroupHandlers } from './DeskHandlers'
import { ChangeFeed } from './feed/ChangeFeed'
import { createFeedHandlers } from './feed/createFeedHandlers'
import type { DeskLog } from './http/DeskLog'
import { startDeskServer, type DeskServerLimits } from './http/startDeskServer'
import type { Authenticate } from './Principal'
import { shippedMigrations } from './shippedMigrations'
import { createStoryHandlers } from './stories/createStoryHandlers'
import { StoryService } from './stories/StoryService'
import { createOutboxHandlers } from './outbox/createOutboxHandlers'
import { loadSecretKey, SECRET_KEY_FILE, SecretBox } from './outbox/SecretBox'
import { checkSecretKey } from './outbox/checkSecretKey'
import { ServerOutbox } from './outbox/ServerOutbox'
import { RenditionLinks, type ServedRendition } from './media/RenditionLinks'
import type { deskOutboxCalls } from '../shared/desk/calls/deskOutboxCalls'
import type { deskMediaCalls } from '../shared/desk/calls/deskMediaCalls'
import { DeskMediaStore } from './media/DeskMediaStore'
import { createMediaHandlers } from './media/createMediaHandlers'
import { MediaFolder } from './media/MediaFolder'

/** The parts of a desk that are not the transport's: the account, story and outbox calls, and sign-in. */
export type DeskParts = {
  accountHandlers: DeskGroupHandlers<typeof deskAccountCalls>
  storyHandlers: DeskGroupHandlers<typeof deskStoryCalls>
  outboxHandlers: DeskGroupHandlers<typeof deskOutboxCalls>
  mediaHandlers: DeskGroupHandlers<typeof deskMediaCalls>
  authenticate: Authenticate
  /** Background work (the outbox's deliveries), started once the server listens. */
  start?: () => void
  /** A rendition for a webhook's link (see RenditionLinks); absent without a public address. */
  serveRendition?: (id: string, key: string) => Promise<ServedRendition | null>
  /** Whatever the parts hold open (timers, a sweeper): closed before the database. */
  close?: () => Promise<void>
}

/** What the services need besides the database and the time. */
export type DeskEnvironment = {
  /** Seals the CMS secrets (the key from COPYDESK_SECRET_KEY or the data folder's key file). */
  secrets: SecretBox
  log: DeskLog
  /** The folder the pictures' bytes are kept in (`--media-dir`); the database when not given. */
  mediaDir?: string | null
  /**
   * The desk server's address as a CMS reaches it (`--public-url`): given, webhook pushes carry
   * the pictures as links to the desk's renditions; absent, base64-encoded.
   */
  publicUrl?: string | null
}

/** The desk's services over its database: accounts (and sign-in), the stories and the outbox. */
export function composeDesk(db: Db, clock: Clock, environment: DeskEnvironment): DeskParts {
  const accounts = new AccountService(db, clock)
  const stories = new StoryService(db, clock)
  const media = new DeskMediaStore(db, clock, {
    folder: environment.mediaDir ? new MediaFolder(environment.mediaDir) : null,
  })
  const links = environment.publicUrl
    ? new RenditionLinks(environment.publicUrl, environment.secrets, media)
    : null
  const outbox = new ServerOutbox(db, stories, clock, {
    media: media.asPictureSource(),
    renditionLinks: links,
    secrets: environment.secrets,
    log: (level, message, fields) =>
      environment.log({
        time: clock.now().toISOString(),
        level,
        event: 'outbox',
        message,
        ...(fields === undefined ? {} : { fields }),
      }),
  })
  return {
    accountHandlers: createAccountHandlers(accounts),
    storyHandlers: createStoryHandlers(stories),
    outboxHandlers: createOutboxHandlers(outbox),
    mediaHandlers: createMediaHandlers(media),
    authenticate: accounts.authenticate,
    ...(links ? { serveRendition: (id: string, key: string) => links.serve(id, key) } : {}),
    start: () => outbox.start(),
    close: () => outbox.stop(),
  }
}

export type OpenDeskOptions = {
  /** A postgres:// URL, or null for the embedded database in `dataDir`. */
  database: string | null
  /**
   * PostgreSQL only: the URL of the role that owns the tables. Given, the server migrates as that
   * role, grants `database`'s role what serving needs (grantServingRole: never UPDATE or DELETE on
   * the append-only tables) and serves as `database`'s role, which then cannot change the audit
   * trail or switch its guard off. Not given, the server migrates and serves as one role.
   */
  migrateDatabase?: string | null
  dataDir: string
  /**
   * Keep the pictures' bytes in this folder beside the database instead of in it (every server of
   * the desk given the same folder); null or absent: in the database.
   */
  mediaDir?: string | null
  /** The address a CMS reaches this server at: webhook pictures go as links to it (RenditionLinks). */
  publicUrl?: string | null
  clock: Clock
  log: DeskLog
  /** This server's version (GET /v1/desk). */
  version: string
  host?: string
  port?: number
  tls?: { cert: string | Buffer; key: string | Buffer } | null
  trustProxy?: boolean
  limits?: Partial<DeskServerLimits>
  /** Feed requests parked at most on this process. */
  maxParkedFeeds?: number
  /**
   * How often the feed re-reads the changes table while requests are parked, covering a lost
   * NOTIFY (2 s unless told). Tests set it to an hour so only a NOTIFY can wake a parked request.
   */
  feedRereadMs?: number
  /** Environment variables: COPYDESK_SECRET_KEY (the CMS secrets' key, the same on every server of a desk). */
  env?: Record<string, string | undefined>
  /** Builds the services (tests give their own); composeDesk by default. */
  compose?: (db: Db, clock: Clock, environment: DeskEnvironment) => DeskParts
}

export type OpenedDesk = {
  url: string
  engine: Db['engine']
  /** Feed requests parked on this process now (for tests and a look at the load). */
  feedsWaiting: () => number
  /** Graceful stop: no new requests, long polls end, the parts and the database close (PGlite's folder lock goes). */
  close: () => Promise<void>
}

/** Migrates as the tables' owner, then lets the serving role (the user of `database`) serve. */
/** The role to serve as, when the owner migrates: checked before anything is opened. */
function servingRoleOf(ownerUrl: string, database: string | null): string {
  if (database === null || !/^postgres(ql)?:\/\//.test(ownerUrl))
    throw new Error(
      "--migrate-database (MIGRATE_DATABASE_URL) is for PostgreSQL: give the owner's postgres:// URL there and the serving role's in --database",
    )
  const servingRole = decodeURIComponent(new URL(database).username)
  if (!servingRole)
    throw new Error(
      '--database names no user: with --migrate-database it must name the serving role',
    )
  return servingRole
}

async function migrateAsOwner(
  ownerUrl: string,
  servingRole: string,
  migrations: readonly Migration[],
): Promise<void> {
  const owner = await openPostgresDb({ url: ownerUrl, maxConnections: 1 })
  try {
    await migrate(owner, migrations)
    await grantServingRole(owner, servingRole)
  } finally {
    await owner.close()
  }
}

/** Opens the desk's database, brings its schema up to date, and serves the desk API. */
export async function openDesk(options: OpenDeskOptions): Promise<OpenedDesk> {
  const servingRole = options.migrateDatabase
    ? servingRoleOf(options.migrateDatabase, options.database)
    : null
  const db = await openDb(options.database, options.dataDir)
  const closers: (() => Promise<void>)[] = [() => db.close()]
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => {})
  }
  try {
    const migrations = shippedMigrations()
    if (options.migrateDatabase && servingRole !== null)
      await migrateAsOwner(options.migrateDatabase, servingRole, migrations)
    else await migrate(db, migrations)
    const feed = await ChangeFeed.start({
      db,
      ...(options.maxParkedFeeds === undefined ? {} : { maxParked: options.maxParkedFeeds }),
      ...(options.feedRereadMs === undefined ? {} : { rereadMs: options.feedRereadMs }),
      onError: (error) =>
        options.log({
          time: options.clock.now().toISOString(),
          level: 'error',
          event: 'feed-reread-failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    })
    closers.push(() => feed.stop())
    const secrets = SecretBox.fromKey(
      await loadSecretKey({ dataDir: options.dataDir, env: options.env ?? {} }),
    )
    // Refused before serving: a server with another key would fail the other servers' pushes.
    await checkSecretKey(db, secrets, join(options.dataDir, SECRET_KEY_FILE))
    const parts = (options.compose ?? composeDesk)(db, options.clock, {
      secrets,
      log: options.log,
      mediaDir: options.mediaDir ?? null,
      publicUrl: options.publicUrl ?? null,
    })
    if (parts.close) closers.push(parts.close)
    const server = await startDeskServer({
      handlers: {
        ...parts.accountHandlers,
        ...parts.storyHandlers,
        ...parts.outboxHandlers,
        ...parts.mediaHandlers,
        ...createFeedHandlers({ db, feed, serverVersion: options.version }),
      },
      authenticate: parts.authenticate,
      ...(parts.serveRendition ? { serveRendition: parts.serveRendition } : {}),
      ready: deskReadiness(db, migrations),
      log: options.log,
      clock: options.clock,
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
      tls: options.tls ?? null,
      trustProxy: options.trustProxy ?? false,
      ...(options.limits === undefined ? {} : { limits: options.limits }),
    })
    closers.push(() => server.close())
    parts.start?.()
    let closing: Promise<void> | null = null
    return {
      url: server.url,
      engine: db.engine,
      feedsWaiting: () => feed.parked,
      close: () => (closing ??= closeAll()),
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}
