import { lstat } from 'node:fs/promises'
import { MediaId } from '../../shared/media/MediaId'
import { isErrnoCode } from '../store/isErrnoCode'
import { collectMediaReferences } from './collectMediaReferences'
import type { MediaStore } from './MediaStore'

/** A picture nobody refers to stays this long after it was last stored or used (7 days). */
export const MEDIA_GRACE_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Removes the pictures no article, trashed article, revision or set-aside file refers to, once
 * they have gone unused for `graceMs` by the store's clock (from when they were stored, or last seen
 * referenced by a sweep): a picture just added to a story that is not saved yet is never taken. A referenced picture keeps its renditions (listed in its record).
 * Names media/ does not own are left alone. Returns the ids removed.
 */
export async function sweepMedia(
  dataDir: string,
  store: MediaStore,
  now: Date,
  graceMs = MEDIA_GRACE_MS,
): Promise<string[]> {
  const names = await store.names()
  // A desk without pictures reads none of its stories and revisions for them.
  if (!names.some((name) => MediaId.safeParse(name).success)) return []
  const referenced = await collectMediaReferences(dataDir)
  const keep = new Set(referenced)
  for (const id of referenced) {
    const parsed = MediaId.safeParse(id)
    if (!parsed.success) continue
    // The grace counts from the last sweep that saw it used, not from when it was stored.
    await store.touch(parsed.data, now)
    const record = await store.readRecord(parsed.data)
    for (const rendition of record?.renditions ?? []) {
      keep.add(rendition.id)
      await store.touch(rendition.id, now)
    }
  }
  const removed: string[] = []
  for (const name of names) {
    const id = MediaId.safeParse(name.endsWith('.json') ? name.slice(0, -5) : name)
    if (!id.success || keep.has(id.data) || removed.includes(id.data)) continue
    if (!(await unusedSince(store.pathOf(id.data), now, graceMs))) continue
    await store.remove(id.data)
    removed.push(id.data)
  }
  return removed
}

/** Whether the picture (or, without one, its record) was last stored or used before the grace. */
async function unusedSince(path: string, now: Date, graceMs: number): Promise<boolean> {
  for (const candidate of [path, `${path}.json`]) {
    try {
      const info = await lstat(candidate)
      return now.getTime() - info.mtimeMs >= graceMs
    } catch (error) {
      if (!isErrnoCode(error, 'ENOENT')) throw error
    }
  }
  return false
}
