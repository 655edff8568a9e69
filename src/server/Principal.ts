import type { AccountRole } from '../shared/desk/AccountRole'

/**
 * Who is making a request, as the server knows it from a live device token: an account id and its
 * role in the database right now, never a name a workstation typed.
 */
export type Principal = {
  accountId: string
  name: string
  email: string
  role: AccountRole
  /** The device token's row: one signed-in device. */
  deviceId: string
}

/** Resolves a bearer token to its principal, or throws DeskError UNAUTHENTICATED naming why. */
export type Authenticate = (token: string) => Promise<Principal>
