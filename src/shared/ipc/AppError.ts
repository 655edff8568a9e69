import { z } from 'zod'

export const AppErrorCode = z.enum([
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'REFUSED',
  'DATA_DIR_LOCKED',
  'CORRUPT_FILE',
  'IO',
  'FORBIDDEN',
  'INTERNAL',
])
export type AppErrorCode = z.infer<typeof AppErrorCode>

/** An error that crosses the IPC boundary with a code the renderer can act on. */
export class AppError extends Error {
  override readonly name = 'AppError'
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

export const SerializedError = z.object({
  code: AppErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
})
export type SerializedError = z.infer<typeof SerializedError>

/** What every call returns over IPC or HTTP: errors travel as data, not as thrown exceptions. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError }

export function toSerializedError(error: unknown): SerializedError {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, details: error.details }
  }
  const message = error instanceof Error ? error.message : String(error)
  const code = error instanceof Error && 'code' in error ? String(error.code) : ''
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return { code: 'IO', message: `The disk is full (${code}): nothing was written.` }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return {
      code: 'IO',
      message: `The data folder cannot be written to (${code}): nothing was written.`,
    }
  }
  if (code === 'EIO' || code === 'EMFILE' || code === 'ENFILE')
    return { code: 'IO', message: `The disk did not answer (${code}): ${message}` }
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` }
}
