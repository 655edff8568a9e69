/**
 * The accounts slice's advisory lock keys (the migrator holds 4242_0014). Held for one transaction:
 * they make checks that span rows hold across server processes on one database.
 */
export const ADVISORY_LOCKS = {
  /** Keeping one enabled desk admin, and making the first one. */
  admins: 4242_0015,
  /** With hashtext(e-mail): counting the sign-in attempts on one e-mail. */
  signInEmail: 4242_0016,
  /** With hashtext(address key): counting the sign-in attempts from one address. */
  signInAddress: 4242_0017,
} as const
