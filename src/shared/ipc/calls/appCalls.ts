import { z } from 'zod'
import { AppProblems } from '../../domain/AppProblem'
import type { CallGroup } from '../CallDeclaration'
import { NoInput } from './articleCalls'

export const AppInfo = z.object({
  dataDir: z.string(),
  host: z.enum(['electron', 'web']),
  version: z.string(),
  user: z.string(),
  /** Set when the data folder cannot be written: stories can be read, nothing can be saved. */
  readOnly: z.object({ reason: z.string() }).optional(),
})
export type AppInfo = z.infer<typeof AppInfo>

/** Where and what the app is running: the host, the data folder, whether it can be written. */
export const appCalls = {
  appInfo: { input: NoInput, output: AppInfo, errors: {}, writes: false },
  /** Failures in the background the user should know of, and where the log is. */
  listAppProblems: { input: NoInput, output: AppProblems, errors: {}, writes: false },
} satisfies CallGroup
