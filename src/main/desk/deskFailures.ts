import type {
  DeskConnection,
  DeskRefusalReason,
  DeskSessionState,
} from '../../shared/desk/DeskConnection'
import { DeskError } from '../../shared/desk/DeskError'
import type { Clock } from '../../shared/domain/Clock'
import { AppError } from '../../shared/ipc/AppError'

/** A refusal to join or leave, with the reason the renderer and the CLI act on. */
export function refused(reason: DeskRefusalReason, message: string): AppError {
  return new AppError('REFUSED', message, { desk: reason })
}

/** A call made while joining that failed, as a refusal the person can act on. */
export function joinRefusal(url: string, error: unknown, otherwise: DeskRefusalReason): AppError {
  const failure = asDeskError(url, error)
  if (failure.code === 'UNAVAILABLE') return refused('unreachable', failure.message)
  if (failure.code === 'RATE_LIMITED') return refused('rate-limited', failure.message)
  if (otherwise === 'not-a-desk')
    return refused(
      'not-a-desk',
      `${url} does not answer as a Copydesk desk server (${failure.message}) Check the address: it is the one "copydesk desk serve" printed, or your desk's https:// address.`,
    )
  return refused(otherwise, failure.message)
}

/** Why the desk did not accept this workstation's token just now. */
export function sessionFailure(
  connection: DeskConnection,
  error: unknown,
  clock: Clock,
): DeskSessionState {
  const failure = asDeskError(connection.url, error)
  if (failure.code === 'UNAUTHENTICATED') {
    // The desk says "expired" in its own words too; the local record tells it apart without parsing them.
    const expired = Date.parse(connection.expiresAt) <= clock.now().getTime()
    return expired
      ? {
          state: 'expired',
          message: `This workstation's sign-in to ${connection.url} expired on ${connection.expiresAt}: join again to sign in.`,
        }
      : { state: 'signed-out', message: failure.message }
  }
  if (failure.code === 'UNAVAILABLE') return { state: 'unreachable', message: failure.message }
  return { state: 'failed', message: failure.message }
}

/** What leaving says when the desk did not sign the device out. */
export function notRevoked(
  connection: DeskConnection,
  error: unknown,
): { revoked: 'already-refused' | 'not-reached'; message: string } {
  const failure = asDeskError(connection.url, error)
  if (failure.code === 'UNAUTHENTICATED')
    return {
      revoked: 'already-refused',
      message: `Left the desk at ${connection.url} (it no longer accepted this device's token). The stories on this workstation stay.`,
    }
  return {
    revoked: 'not-reached',
    message: `Left the desk at ${connection.url}, which could not be told (${failure.message}): the device "${connection.deviceName}" stays signed in there until its token expires (${connection.expiresAt}) or a desk admin revokes it. The stories on this workstation stay.`,
  }
}

/** Any failure of a desk call as a DeskError; a call that timed out is a desk that did not answer. */
function asDeskError(url: string, error: unknown): DeskError {
  if (error instanceof DeskError) return error
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return new DeskError('UNAVAILABLE', `The desk at ${url} did not answer in time.`)
  return new DeskError('INTERNAL', error instanceof Error ? error.message : String(error))
}
