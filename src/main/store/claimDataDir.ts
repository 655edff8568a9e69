import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { assertOwnDataDir } from './assertOwnDataDir'
import { readOnlyReason, WRITABLE, type DataDirAccess } from './DataDirAccess'
import { DataDirLock } from './DataDirLock'
import { folderStamps, type FolderStamps } from './IndexJournal'
import { OWNER_ONLY_DIR, OWNER_ONLY_FILE } from './ownerOnly'
import { log } from '../log/log'

/**
 * Takes the data folder for writing (its folders made, its lock held, a write tried), or, when it
 * cannot be written (a read-only disk or mount, no permission), opens it read-only, without the lock:
 * a read-only reader changes nothing, so it needs to keep no one out. `folders` are the times of
 * articles/ and trash/ before the write probe moved them (see IndexJournal).
 */
export async function claimDataDir(
  dataDir: string,
  purpose: string,
): Promise<{ lock: DataDirLock | null; access: DataDirAccess; folders: FolderStamps | null }> {
  let folders: FolderStamps | null = null
  const readOnly = (dir: string, error: unknown) => {
    const reason = readOnlyReason(dir, error)
    if (!reason) throw error
    return { lock: null, access: { readOnly: true, reason }, folders } as const
  }
  await assertOwnDataDir(dataDir)
  try {
    await mkdir(join(dataDir, 'articles'), { recursive: true, mode: OWNER_ONLY_DIR })
    await mkdir(join(dataDir, 'trash'), { recursive: true, mode: OWNER_ONLY_DIR })
  } catch (error) {
    return readOnly(dataDir, error)
  }
  let lock: DataDirLock
  try {
    lock = await DataDirLock.acquire(dataDir, purpose)
  } catch (error) {
    return readOnly(dataDir, error)
  }
  folders = await folderStamps(dataDir).catch(() => null)
  // The folder holding the lock may be writable and the articles not (permissions set per folder).
  const probe = join(dataDir, 'articles', `.write-probe.${process.pid}.0.tmp`)
  try {
    await writeFile(probe, '', { mode: OWNER_ONLY_FILE })
    await rm(probe, { force: true })
  } catch (error) {
    await rm(probe, { force: true }).catch((error: unknown) =>
      log.warn('store', 'Could not remove the write probe from the data folder', error),
    )
    await lock.release()
    return readOnly(join(dataDir, 'articles'), error)
  }
  return { lock, access: WRITABLE, folders }
}
