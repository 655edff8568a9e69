import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import type { OpenedFile } from '../../shared/ipc/channels'

/** The import's own limit (ProposeImportInput): checked on the file's size, before reading it. */
export const MAX_OPENED_FILE_BYTES = 5_000_000

/**
 * Reads a file the system asked Copydesk to open, for the import review: its name and text, or one
 * sentence naming why not (missing, a folder, too large, not readable). Never throws.
 */
export async function readOpenedFile(path: string): Promise<OpenedFile> {
  const name = basename(path)
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    return { name, error: describe(error) }
  }
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) return { name, error: 'it is not a file (a folder or a device?).' }
    if (stats.size > MAX_OPENED_FILE_BYTES)
      return {
        name,
        error: `it is ${(stats.size / 1_000_000).toFixed(1)} MB; files over 5 MB are not imported.`,
      }
    return { name, content: await handle.readFile({ encoding: 'utf8' }) }
  } catch (error) {
    return { name, error: describe(error) }
  } finally {
    await handle.close()
  }
}

function describe(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : ''
  if (code === 'ENOENT') return 'there is no such file (moved or deleted?).'
  if (code === 'EACCES' || code === 'EPERM') return 'Copydesk may not read it (permissions).'
  if (code === 'EISDIR') return 'it is not a file (a folder or a device?).'
  return `it could not be read (${error instanceof Error ? error.message : String(error)}).`
}
