/**
 * Turns a password into what the accounts table keeps, and checks one against it. The stored text
 * carries its own parameters, so a hash made with other settings (older, or a test's cheaper ones)
 * still verifies.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>
  /** False for a wrong password; throws only for a stored text it cannot read. */
  verify(password: string, stored: string): Promise<boolean>
  /** The stored text was made with other settings than this hasher's: hash again at the next sign-in. */
  needsRehash?(stored: string): boolean
}
