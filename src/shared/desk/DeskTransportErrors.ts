import { z } from 'zod'

/**
 * The details the transport itself gives with its refusals, for every call, on top of the codes a
 * call declares for its handler. A caller reads them with `transportDetailsOf`.
 */
export const DeskTransportErrorDetails = {
  /** Where the input was wrong: zod's issue paths and messages. */
  INVALID_INPUT: z.object({
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
  RATE_LIMITED: z.object({ retryAfterSeconds: z.number().int().positive() }),
  TOO_LARGE: z.object({ maxBytes: z.number().int().positive() }),
  /** The id the server's log line carries, to find what went wrong there. */
  INTERNAL: z.object({ requestId: z.string() }),
} as const

export type DeskTransportErrorDetails = {
  [C in keyof typeof DeskTransportErrorDetails]: z.infer<(typeof DeskTransportErrorDetails)[C]>
}

const SCHEMAS: {
  [C in keyof DeskTransportErrorDetails]: z.ZodType<DeskTransportErrorDetails[C]>
} = DeskTransportErrorDetails

/** The transport's details of `error` when it has that code and their shape, else undefined. */
export function transportDetailsOf<C extends keyof typeof DeskTransportErrorDetails>(
  error: { code: string; details?: unknown },
  code: C,
): DeskTransportErrorDetails[C] | undefined {
  if (error.code !== code) return undefined
  const parsed = SCHEMAS[code].safeParse(error.details)
  return parsed.success ? parsed.data : undefined
}
