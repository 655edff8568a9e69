import type { z } from 'zod'
import type { AppErrorCode } from './AppError'

/**
 * One call of the contract, declared once: what it takes, what it answers, the details each of its
 * error codes carries, and whether it writes to the data folder (refused when the folder is
 * read-only). The dispatcher, the preload, the browser host, the renderer's client and the CLI are
 * all derived from these declarations.
 */
export type CallDeclaration = {
  input: z.ZodType
  output: z.ZodType
  errors: Partial<Record<AppErrorCode, z.ZodType>>
  writes: boolean
}

/** A feature's calls, checked against the shape of a declaration but keeping each call's own types. */
export type CallGroup = Record<string, CallDeclaration>
