import { z } from 'zod'
import { AccountRole } from './AccountRole'

const Time = z.iso.datetime({ offset: true })

/** The desk account a workstation joined as: what the workflow records changes under. */
export const DeskConnectionAccount = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: AccountRole,
})
export type DeskConnectionAccount = z.infer<typeof DeskConnectionAccount>

/**
 * A workstation's membership of a desk (desk-connection.json): where the desk is, which desk it is,
 * who signed in and as which device. Never the device token, which the secret store keeps.
 */
export const DeskConnection = z.object({
  /** The desk's address as joined, e.g. https://desk.example.org (no trailing slash). */
  url: z.string(),
  deskId: z.uuid(),
  account: DeskConnectionAccount,
  deviceId: z.uuid(),
  deviceName: z.string(),
  joinedAt: Time,
  /** When the desk stops accepting this device's token. */
  expiresAt: Time,
})
export type DeskConnection = z.infer<typeof DeskConnection>

/** Whether the desk still accepts this workstation's token, as last asked. */
export const DeskSessionState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signed-in'), checkedAt: Time }),
  /** The token's lifetime is over: sign in again. */
  z.object({ state: z.literal('expired'), message: z.string() }),
  /** The desk refused the token: the device was signed out or revoked, or the account disabled. */
  z.object({ state: z.literal('signed-out'), message: z.string() }),
  /** The desk could not be reached (offline, server down): the token may still be good. */
  z.object({ state: z.literal('unreachable'), message: z.string() }),
  /** The address now answers as another desk (moved, or restored as a new one). */
  z.object({ state: z.literal('other-desk'), message: z.string() }),
  /** This workstation has no token for the desk any more (its secrets file was set aside). */
  z.object({ state: z.literal('no-token'), message: z.string() }),
  /** The desk answered something else (another version, a server fault). */
  z.object({ state: z.literal('failed'), message: z.string() }),
])
export type DeskSessionState = z.infer<typeof DeskSessionState>

/** A standalone workstation, or the desk it joined and whether the desk still accepts it. */
export const DeskStatus = z.discriminatedUnion('joined', [
  z.object({ joined: z.literal(false) }),
  z.object({
    joined: z.literal(true),
    connection: DeskConnection,
    session: DeskSessionState,
    /** How the device token is kept at rest. */
    tokenProtection: z.enum(['os-keychain', 'file-permissions']),
  }),
])
export type DeskStatus = z.infer<typeof DeskStatus>

/** Why joining or leaving was refused, for the renderer and the CLI to act on. */
export const DeskRefusalReason = z.enum([
  'invalid-url',
  'plain-http',
  'already-joined',
  'not-joined',
  'not-a-desk',
  'unreachable',
  'sign-in-refused',
  'rate-limited',
  'failed',
])
export type DeskRefusalReason = z.infer<typeof DeskRefusalReason>

export const DeskRefusalDetails = z.object({ desk: DeskRefusalReason })
