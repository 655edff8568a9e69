import { DeskError } from '../../shared/desk/DeskError'

export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 1024

/**
 * A password someone is choosing, NFC-normalised (the same letters typed on another keyboard give
 * the same password), 10 to 1024 characters counted as characters, not UTF-16 units.
 */
export function newPassword(password: string): string {
  const normalized = password.normalize('NFC')
  const length = [...normalized].length
  if (length < PASSWORD_MIN || length > PASSWORD_MAX)
    throw new DeskError(
      'INVALID_INPUT',
      `A password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long (this one has ${length}).`,
      { field: 'password' },
    )
  return normalized
}
