import { lstat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { isErrnoCode } from './isErrnoCode'
import { readRegularFile } from './readRegularFile'
import { writeFileDurably } from './writeFileDurably'

const FILE = 'index-journal.json'
const VERSION = 1

/** The modification times of articles/ and trash/: any file added, removed or renamed there moves them. */
export type FolderStamps = { articles: number; trash: number }

const FileStamp = z.object({ mtimeMs: z.number(), size: z.number() })

const Journal = z.discriminatedUnion('state', [
  z.object({ schemaVersion: z.literal(VERSION), state: z.literal('open') }),
  z.object({
    schemaVersion: z.literal(VERSION),
    state: z.literal('closed'),
    /** index.json as the last clean close left it. */
    index: FileStamp,
    folders: z.object({ articles: z.number(), trash: z.number() }),
  }),
])

/**
 * Whether the article index can be taken as it is, without checking every article file: only when
 * Copydesk closed cleanly, and nothing has touched index.json, articles/ or trash/ since. Every save
 * renames a file into articles/, so any write after the last close, by Copydesk or anyone, shows in
 * the folder's time. Returns why not, or null when the index can be trusted.
 */
export async function distrustReason(
  dataDir: string,
  folders: FolderStamps | null,
): Promise<string | null> {
  let text: string | null
  try {
    text = await readRegularFile(join(dataDir, FILE))
  } catch {
    return 'the journal cannot be read'
  }
  if (text === null) return 'no journal'
  let journal: z.infer<typeof Journal>
  try {
    journal = Journal.parse(JSON.parse(text))
  } catch {
    return 'the journal is damaged'
  }
  if (journal.state === 'open') return 'Copydesk did not close cleanly'
  const index = await lstat(join(dataDir, 'index.json')).catch(() => null)
  if (
    !index?.isFile() ||
    index.mtimeMs !== journal.index.mtimeMs ||
    index.size !== journal.index.size
  )
    return 'index.json changed outside Copydesk'
  if (
    !folders ||
    folders.articles !== journal.folders.articles ||
    folders.trash !== journal.folders.trash
  )
    return 'articles/ or trash/ changed outside Copydesk'
  return null
}

/** The folders' times now; null when one cannot be read (the check then falls back). */
export async function folderStamps(dataDir: string): Promise<FolderStamps | null> {
  try {
    const [articles, trash] = await Promise.all([
      lstat(join(dataDir, 'articles')),
      lstat(join(dataDir, 'trash')),
    ])
    return { articles: articles.mtimeMs, trash: trash.mtimeMs }
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return null
    throw error
  }
}

/** Written before the first change of a session: a crash from here on is seen at the next start. */
export function journalOpened(dataDir: string): Promise<void> {
  return writeFileDurably(
    join(dataDir, FILE),
    JSON.stringify({ schemaVersion: VERSION, state: 'open' } satisfies z.infer<typeof Journal>),
  )
}

/**
 * Written last at a clean close, once index.json holds every change: the next start may trust it.
 * Without an index file (a desk never written) nothing is recorded and the next start checks.
 */
export async function journalClosed(dataDir: string): Promise<void> {
  const index = await lstat(join(dataDir, 'index.json')).catch(() => null)
  const folders = await folderStamps(dataDir)
  if (!index || !folders) return
  const journal: z.infer<typeof Journal> = {
    schemaVersion: VERSION,
    state: 'closed',
    index: { mtimeMs: index.mtimeMs, size: index.size },
    folders,
  }
  await writeFileDurably(join(dataDir, FILE), JSON.stringify(journal))
}
