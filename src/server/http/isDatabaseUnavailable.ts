import { sqlStateOf } from '../db/sqlStateOf'

/** postgres.js's and the system's codes for a database that cannot be reached or went away. */
const CONNECTION_CODES = new Set([
  'CONNECTION_ENDED',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
])

/**
 * Whether a failure means the database is out of reach (a connection error, SQLSTATE class 08, the
 * server shutting down: 57P01-57P03) rather than a bug: the transport answers it 503 UNAVAILABLE,
 * which a workstation retries, instead of 500 INTERNAL.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const state = sqlStateOf(error)
  if (state !== null && (state.startsWith('08') || /^57P0[123]$/.test(state))) return true
  if (!(error instanceof Error) || !('code' in error)) return false
  return typeof error.code === 'string' && CONNECTION_CODES.has(error.code)
}
