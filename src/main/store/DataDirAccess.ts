import { AppError } from '../../shared/ipc/AppError'

/** Whether this process may write the data folder; a read-only one says why. */
export type DataDirAccess = { readOnly: false } | { readOnly: true; reason: string }

export const WRITABLE: DataDirAccess = { readOnly: false }

export const READ_ONLY_MESSAGE =
  'This data folder is read-only: you can read stories, nothing can be saved.'

/** Refuses a write on a read-only data folder, with the reason. */
export function assertWritable(access: DataDirAccess): void {
  if (access.readOnly) throw readOnlyError(access.reason)
}

/** The refusal of a write, naming why the folder is read-only. */
export function readOnlyError(reason: string): AppError {
  return new AppError('REFUSED', `${READ_ONLY_MESSAGE} ${reason}`, { readOnly: true })
}

/** Why `error` means the folder cannot be written, as a sentence; null for any other failure. */
export function readOnlyReason(dir: string, error: unknown): string | null {
  const code = error instanceof Error && 'code' in error ? String(error.code) : ''
  if (code === 'EROFS') return `The folder ${dir} is on a read-only disk or mount (EROFS).`
  if (code === 'EACCES' || code === 'EPERM')
    return `This user may not write to the folder ${dir} (${code}).`
  return null
}
