import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ArticleId } from '../../shared/domain/Article'
import { isMediaFile } from '../../shared/media/MediaId'
import { isErrnoCode } from './isErrnoCode'
import { parseTempName, THIS_RUN } from './writeFileDurably'

/** Whether a temp file's target is one the store writes in that folder. */
type Targets = (target: string) => boolean

const isArticleFile = (name: string) =>
  name.endsWith('.json') && ArticleId.safeParse(name.slice(0, -'.json'.length)).success

/** The files the store writes in each of its folders, and nothing else (see sweepTempFiles). */
const TOP_FOLDERS: [string, Targets][] = [
  [
    '',
    (name) =>
      [
        'index.json',
        'index-journal.json',
        'search-index.json',
        'settings.json',
        'profile.json',
        'outbox.json',
        'secrets.json',
        'desk.json',
      ].includes(name),
  ],
  // claimDataDir's write probe: `.write-probe.<pid>.0.tmp`.
  ['articles', (name) => isArticleFile(name) || name === 'write-probe'],
  ['trash', isArticleFile],
  ['quarantine', (name) => name === 'problems.json'],
  ['history', isArticleFile],
  // Pictures and their records (src/main/media): `<sha256>.<ext>` and `<sha256>.<ext>.json`.
  ['media', (name) => isMediaFile(name)],
]
const isSnapshotFile = (name: string) => /^[1-9]\d{0,8}\.json$/.test(name)

/**
 * Removes the temp files that writes killed midway left in `dir`: such a write was never
 * acknowledged, and the file it was replacing is intact. Only a name of exactly the shape the store
 * writes (`.<file>.<run>.<n>.tmp`, for a file the store keeps in that folder) is removed: anything
 * else someone put there (`.my-notes.tmp`, an editor's `.goutputstream-X.tmp`) is not ours to delete.
 * This run's own temp files are left alone, so a sweep may run beside its writes. Returns the names
 * that were removed.
 */
export async function sweepTempFiles(dir: string, targets: Targets): Promise<string[]> {
  let entries: string[]
  try {
    entries = await readdir(dir)
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return []
    throw error
  }
  const removed: string[] = []
  for (const name of entries) {
    const temp = parseTempName(name)
    if (!temp || temp.run === THIS_RUN || !targets(temp.target)) continue
    await rm(join(dir, name), { force: true })
    removed.push(name)
  }
  return removed
}

/**
 * The folders the store writes, but the snapshot folders: the data folder itself (index, search
 * index, settings, profile, outbox, secrets, desk id), articles/, trash/, quarantine/, history/ and media/,
 * but those in `skip` (articles/ and trash/ after a clean close, which left nothing there).
 */
export async function sweepDataDir(dataDir: string, skip: string[] = []): Promise<void> {
  for (const [dir, targets] of TOP_FOLDERS)
    if (!skip.includes(dir)) await sweepTempFiles(join(dataDir, dir), targets)
}

/** The snapshot folders history/<id>/: one per article, so this is the long part of a sweep. */
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
    if (entry.isDirectory() && ArticleId.safeParse(entry.name).success)
      await sweepTempFiles(join(history, entry.name), isSnapshotFile)
}
