import { readFile } from 'node:fs/promises'
import { isIPv4, isIPv6 } from 'node:net'
import { resolve } from 'node:path'
import { createSecureContext } from 'node:tls'
import { APP_VERSION } from '../main/appVersion'
import { openDesk, type OpenDeskOptions } from '../server/composeDesk'
import { sqlStateOf } from '../server/db/sqlStateOf'
import { systemClock } from '../shared/domain/Clock'
import { AppError } from '../shared/ipc/AppError'
import { deskServerDataDir } from './deskServerDataDir'
import type { CliCommand, CommandContext } from './CliCommand'
import { EXIT, failed, usage } from './ConfigIo'

export const DESK_SERVE_PORT = 4780

/** Asks to be told when the server should stop; answers the function that stops listening. */
export type StopRequests = (stop: () => void) => () => void

/** SIGINT (Ctrl-C) and SIGTERM (a service manager, a container runtime) stop the server gracefully. */
export const processStopRequests: StopRequests = (stop) => {
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return () => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
}

/**
 * `copydesk desk serve`: the desk server in the foreground until SIGINT or SIGTERM. One line with
 * its address when it is ready (stdout), then one JSON line per request; a start that fails says
 * why in one line and exits 1.
 */
export function deskServeCommand(stopRequests: StopRequests = processStopRequests): CliCommand {
  return {
    name: 'desk',
    help: [
      {
        synopsis: [
          'desk serve [--database URL] [--host ADDR] [--port N]',
          '[--tls-cert FILE --tls-key FILE] [--trust-proxy]',
          '[--migrate-database OWNER_URL] [--media-dir DIR] [--public-url URL]',
        ],
        summary: [
          'run a desk server for workstations to join, until Ctrl-C or',
          'SIGTERM: on PostgreSQL at --database (else DATABASE_URL), else',
          'on an embedded database in --data-dir (default: a desk-server',
          `folder in the data folder); on 127.0.0.1:${DESK_SERVE_PORT} unless told;`,
          'HTTPS with the TLS files; --trust-proxy behind a reverse proxy',
          '(client addresses from X-Forwarded-For); --migrate-database (else',
          'MIGRATE_DATABASE_URL): migrate',
          "as the tables' owner, serve as --database's role (no UPDATE or",
          'DELETE on the audit trail); --media-dir: keep the pictures',
          'workstations send in DIR (every server of the desk the same',
          'folder) instead of in the database; --public-url: the address a',
          'CMS reaches this server at: webhook pushes link to its pictures',
          'there (else they carry them base64-encoded)',
        ],
      },
    ],
    run: (c) =>
      c.args.length === 1 && c.args[0] === 'serve' ? runDeskServe(c, stopRequests) : undefined,
  }
}

async function runDeskServe(c: CommandContext, stopRequests: StopRequests): Promise<number> {
  const { values, io } = c
  const port = values.port === undefined ? DESK_SERVE_PORT : Number(values.port)
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535)
    return usage(
      io,
      `--port must be a port number from 0 to 65535 (got ${JSON.stringify(values.port)}).`,
    )
  const host = values.host ?? '127.0.0.1'
  if (!host.trim()) return usage(io, '--host needs an address, e.g. --host 127.0.0.1.')
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined))
    return usage(
      io,
      '--tls-cert and --tls-key go together: the certificate chain and its private key.',
    )
  const publicUrl = values['public-url'] ?? null
  if (publicUrl !== null && !/^https?:\/\/[^/@\s]+(\/[^\s]*)?$/.test(publicUrl))
    return usage(
      io,
      `--public-url needs the http(s) address a CMS reaches this server at, e.g. https://desk.example.org (got ${JSON.stringify(publicUrl)}).`,
    )
  const fromEnv = c.env.DATABASE_URL
  const database = values.database ?? (fromEnv ? fromEnv : null)
  const dataDir = deskServerDataDir(c.values['data-dir'], c.dataDir)

  let tls: OpenDeskOptions['tls'] = null
  if (values['tls-cert'] !== undefined && values['tls-key'] !== undefined) {
    const files = await readTlsFiles(values['tls-cert'], values['tls-key'])
    if (typeof files === 'string') return failed(io, files)
    tls = files
  } else if (!isLoopback(host)) {
    io.err(
      `copydesk: warning: serving on ${host} without TLS: device tokens and stories cross the network readable. Use --tls-cert and --tls-key, or a reverse proxy with TLS in front of a loopback server.`,
    )
  }

  let desk
  try {
    desk = await openDesk({
      database,
      // The environment keeps the owner's password out of the process list (ps shows arguments).
      migrateDatabase: values['migrate-database'] ?? (c.env.MIGRATE_DATABASE_URL || null),
      dataDir,
      mediaDir: values['media-dir'] ? resolve(values['media-dir']) : null,
      publicUrl,
      clock: systemClock,
      log: (line) => io.out(JSON.stringify(line)),
      version: APP_VERSION,
      host,
      port,
      tls,
      trustProxy: values['trust-proxy'] === true,
      env: io.env,
      ...feedRereadFromEnv(io.env),
    })
  } catch (error) {
    return failed(io, describeServeError(error, { host, port, database, dataDir }))
  }
  const where = desk.engine === 'pglite' ? `embedded database in ${dataDir}` : 'PostgreSQL'
  io.out(`Desk server ready at ${desk.url} (${where}). Stop it with Ctrl-C.`)
  await new Promise<void>((stopped) => {
    const off = stopRequests(() => {
      off()
      stopped()
    })
  })
  try {
    await desk.close()
  } catch (error) {
    return failed(io, `the desk server did not stop cleanly: ${firstLine(error)}`)
  }
  io.out('Desk server stopped.')
  return EXIT.ok
}

async function readTlsFiles(
  certFile: string,
  keyFile: string,
): Promise<{ cert: Buffer; key: Buffer } | string> {
  const read = async (file: string, option: string) =>
    readFile(file).catch(
      (error: unknown) => `cannot read ${option} ${file} (${codeOf(error) ?? firstLine(error)}).`,
    )
  const cert = await read(certFile, '--tls-cert')
  if (typeof cert === 'string') return cert
  const key = await read(keyFile, '--tls-key')
  if (typeof key === 'string') return key
  try {
    createSecureContext({ cert, key })
  } catch (error) {
    return `--tls-cert ${certFile} and --tls-key ${keyFile} are not a usable PEM certificate and its key (${firstLine(error)}).`
  }
  return { cert, key }
}

/** One line for what stopped the server from starting, for a person at a terminal: never a stack. */
export function describeServeError(
  error: unknown,
  context: { host: string; port: number; database: string | null; dataDir: string },
): string {
  if (error instanceof AppError) return error.message
  const code = codeOf(error)
  const syscall = error instanceof Error && 'syscall' in error ? error.syscall : null
  if (syscall === 'listen') {
    if (code === 'EADDRINUSE')
      return `port ${context.port} on ${context.host} is already in use (another desk server?): choose another with --port.`
    if (code === 'EADDRNOTAVAIL')
      return `${context.host} is not an address of this computer: choose one with --host (127.0.0.1 for this computer only).`
    if (code === 'EACCES')
      return `port ${context.port} is reserved on this system: use a port above 1023 with --port.`
    return `the desk server cannot listen on ${context.host}:${context.port} (${code ?? firstLine(error)}).`
  }
  if (context.database !== null) {
    const where = describeDatabase(context.database)
    const state = sqlStateOf(error)
    if (state === '28P01' || state === '28000')
      return `the database at ${where} refused the user name or password in --database.`
    if (state === '3D000')
      return `the database at ${where} does not exist: create it first (createdb).`
    if (code && /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|EAI_AGAIN)$/.test(code))
      return `cannot reach the database at ${where} (${code}): is PostgreSQL running there?`
  }
  return `the desk server could not start: ${firstLine(error)}`
}

/** Host, port and database name of a URL, never its password. */
function describeDatabase(database: string): string {
  try {
    const url = new URL(database)
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`
  } catch {
    return 'the --database URL'
  }
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true
  return isIPv4(host) ? host.startsWith('127.') : isIPv6(host) && host === '::ffff:127.0.0.1'
}

function codeOf(error: unknown): string | null {
  if (!(error instanceof Error) || !('code' in error)) return null
  return typeof error.code === 'string' ? error.code : null
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}

/**
 * COPYDESK_FEED_REREAD_MS, a test knob only (not for production): the feed's re-read interval, so a
 * test of several server processes can set it to an hour and see that NOTIFY alone wakes them.
 */
function feedRereadFromEnv(env: Record<string, string | undefined> = {}): {
  feedRereadMs?: number
} {
  const value = env.COPYDESK_FEED_REREAD_MS
  return value !== undefined && /^[1-9]\d*$/.test(value) ? { feedRereadMs: Number(value) } : {}
}
