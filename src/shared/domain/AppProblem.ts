import { z } from 'zod'

/**
 * A failure the desk should know about (search could not be prepared, a push could not be recorded),
 * as the app lists it under "Copydesk had a problem". It names what failed and what Copydesk does
 * about it; the cause is in the log, never here.
 */
export const AppProblem = z.object({
  id: z.string(),
  /** When it last happened. */
  at: z.iso.datetime(),
  summary: z.string(),
  /** How many times it happened (a retry that fails again is the same problem). */
  count: z.number().int().positive(),
})
export type AppProblem = z.infer<typeof AppProblem>

export const AppProblems = z.object({
  problems: z.array(AppProblem),
  /** Where the log with the causes is; null when this run logs nowhere but its own memory. */
  logFile: z.string().nullable(),
})
export type AppProblems = z.infer<typeof AppProblems>
