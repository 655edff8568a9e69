import { Worker } from 'node:worker_threads'
import { z } from 'zod'

/** Any Int32Array, over a shared buffer too (z.instanceof narrows it to a plain ArrayBuffer). */
const Int32s = z.custom<Int32Array>((value) => value instanceof Int32Array)

/** What the search worker is given: the files of the first build, shared out through `claims`. */
export const SearchJob = z.object({
  files: z.array(z.tuple([z.string(), z.string()]).readonly()),
  /** The number of the next batch to claim, shared with the main thread (see readClaimedFiles). */
  claims: Int32s,
  batch: z.number().int().positive(),
})
export type SearchJob = z.infer<typeof SearchJob>

/** What it gives back: its part of the index, and the ids whose file it could not read. */
export const SearchPart = z.object({
  snapshot: z.object({
    ids: z.array(z.string()),
    terms: z.array(z.string()),
    counts: z.array(z.number().int().min(0)),
    postings: Int32s,
  }),
  unread: z.array(z.string()),
})
export type SearchPart = z.infer<typeof SearchPart>

/** Another thread reading part of the files of the first build. */
export type SearchHelper = {
  /** Its part, once it has read every batch it claimed; rejects if it failed or was stopped. */
  done: Promise<SearchPart>
  stop: () => Promise<void>
}

/**
 * Starts `script` (the built `searchWorkerMain`) on a worker thread. Its part comes back as a
 * snapshot whose postings are moved, not copied: one Int32Array rather than millions of numbers.
 */
export function startSearchWorker(script: string, job: SearchJob): SearchHelper {
  const worker = new Worker(script, { workerData: job })
  const done = new Promise<SearchPart>((resolve, reject) => {
    worker.once('message', (message: unknown) => {
      const part = SearchPart.safeParse(message)
      if (part.success) resolve(part.data)
      else reject(new Error('The search worker sent something other than its part of the index'))
    })
    worker.once('error', reject)
    // After a message this changes nothing; without one, the worker ended before it was done.
    worker.once('exit', (code) =>
      reject(new Error(`The search worker stopped (exit code ${code}) before it was done`)),
    )
  })
  return {
    done,
    stop: async () => {
      await worker.terminate()
    },
  }
}
