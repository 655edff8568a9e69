import { z } from 'zod'

/** A file the store could not use, and what became of it (shown in the problems banner). */
export const StoreProblem = z.object({
  id: z.string(),
  file: z.string(),
  quarantinedAs: z.string(),
  reason: z.string(),
  at: z.iso.datetime(),
  /**
   * What became of the file: set aside in quarantine/ (damaged, or not an article file), or left where
   * it is, untouched (written by a newer Copydesk; or one this Copydesk cannot open).
   */
  kind: z.enum(['set-aside', 'newer-version', 'left-in-place']).default('set-aside'),
})
export type StoreProblem = z.infer<typeof StoreProblem>
