import { readSearchableParts } from './readSearchableParts'
import type { SearchIndex } from './SearchIndex'

/** An article's id and the path of its file, as the first build of the search index reads it. */
export type SearchFile = readonly [id: string, path: string]

/**
 * Reads `files` into `index`, a batch at a time, taking each batch from the shared counter
 * `claims` (the next batch's number) so that two threads reading the same list share it out as
 * they go, whichever is faster. Gives the ids whose file could not be read.
 */
export function readClaimedFiles(
  files: readonly SearchFile[],
  claims: Int32Array,
  batch: number,
  index: SearchIndex,
): string[] {
  const unread: string[] = []
  for (
    let from = claimBatch(claims, batch);
    from < files.length;
    from = claimBatch(claims, batch)
  ) {
    for (const [id, path] of files.slice(from, from + batch)) {
      try {
        const parts = readSearchableParts(path, id)
        index.put(id, () => parts)
      } catch {
        unread.push(id)
      }
    }
    index.flush()
  }
  return unread
}

/** The first file of the next unclaimed batch; the list's length or more once all are taken. */
export function claimBatch(claims: Int32Array, batch: number): number {
  return Atomics.add(claims, 0, 1) * batch
}
