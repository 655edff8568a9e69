import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { LOCK_FILE } from './DataDirLock'
import { isErrnoCode } from './isErrnoCode'
import { isDurableTempFile } from './writeFileDurably'

/**
 * Removes the temp files that writes killed midway left in `dir` (writeFileDurably's
 * `.<name>.<pid>.<n>.tmp`): such a write was never acknowledged, and the file it was replacing is
 * intact. This process's own temp files are left alone, so a sweep may run beside its writes; the lock
 * folder's drafts are DataDirLock's to clean. Returns the names that were removed.
 */
export async function sweepTempFiles(dir: string, names?: string[]): Promise<string[]> {
  let entries = names
  if (!entries) {
    try {
      entries = await readdir(dir)
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return []
      throw error
    }
  }
  const removed: string[] = []
  for (const name of entries) {
    if (!isDurableTempFile(name) || name.startsWith(`.${LOCK_FILE}.`)) continue
    if (writerPid(name) === process.pid) continue
    await rm(join(dir, name), { force: true })
    removed.push(name)
  }
  return removed
}

/**
 * Every folder the store writes, top first: the data folder itself (index, search index, settings,
 * profile, outbox, secrets), articles/, trash/, quarantine/, history/ and each article's history/<id>/.
 */
export async function sweepDataDir(dataDir: string): Promise<void> {
  for (const dir of ['', 'articles', 'trash', 'quarantine', 'history'])
    await sweepTempFiles(join(dataDir, dir))
  await sweepHistoryFolders(dataDir)
}

/** The snapshot folders: one per article, so this is the long part of a sweep on a big desk. */
export async function sweepHistoryFolders(dataDir: string): Promise<void> {
  const history = join(dataDir, 'history')
  let entries
  try {
    entries = await readdir(history, { withFileTypes: true })
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return
    throw error
  }
  for (const entry of entries)
    if (entry.isDirectory()) await sweepTempFiles(join(history, entry.name))
}

/** The writing process's id in `.<name>.<pid>.<n>.tmp`, or null for another temp file's name. */
function writerPid(name: string): number | null {
  const parts = name.split('.')
  const pid = Number(parts.at(-3))
  return parts.length >= 5 && Number.isInteger(pid) ? pid : null
}
