import { z } from 'zod'

/** What a desk server can answer instead of a result; each maps to one HTTP status. */
export const DeskErrorCode = z.enum([
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'REFUSED',
  'RATE_LIMITED',
  'TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
])
export type DeskErrorCode = z.infer<typeof DeskErrorCode>

export const DESK_ERROR_STATUS: Record<DeskErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  REFUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
}

/** A desk call's refusal: thrown by the server's handlers, sent as JSON, rethrown by the client. */
export class DeskError extends Error {
  override readonly name = 'DeskError'
  constructor(
    readonly code: DeskErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

/** The body of every refusal the desk server sends. */
export const DeskErrorBody = z.object({
  error: z.object({ code: DeskErrorCode, message: z.string(), details: z.unknown().optional() }),
})
export type DeskErrorBody = z.infer<typeof DeskErrorBody>
