import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MEDIA_ID_IN_TEXT } from '../../shared/media/MediaId'
import { isErrnoCode } from '../store/isErrnoCode'

/**
 * Every media id named anywhere a story can come back from: live articles, the trash, the
 * histories and their revision snapshots, files set aside in quarantine/ (a person may restore
 * one), and a joined workstation's sync/ folder (changes queued for the desk). Read as text, whatever the schema version (a newer Copydesk's article left in place still
 * keeps its pictures). A folder or file that cannot be read throws: the sweep then removes nothing.
 */
export async function collectMediaReferences(dataDir: string): Promise<Set<string>> {
  const found = new Set<string>()
  const visit = async (dir: string, depth: number): Promise<void> => {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return
      throw error
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory() && depth > 0) await visit(path, depth - 1)
      else if (entry.isFile())
        for (const match of (await readFile(path, 'utf8')).matchAll(MEDIA_ID_IN_TEXT))
          found.add(match[0])
    }
  }
  await visit(join(dataDir, 'articles'), 0)
  await visit(join(dataDir, 'trash'), 0)
  await visit(join(dataDir, 'history'), 1)
  await visit(join(dataDir, 'quarantine'), 0)
  // A joined workstation's queue of changes for the desk, and the desk's stories as last synced.
  await visit(join(dataDir, 'sync'), 1)
  return found
}
