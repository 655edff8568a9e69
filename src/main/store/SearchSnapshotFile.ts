import { readdir, rm } from 'node:fs/promises'
import { endianness } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { readRegularFile } from './readRegularFile'
import type { SearchSnapshot } from './SearchIndex'
import { parseTempName, THIS_RUN, writeFileDurably } from './writeFileDurably'
import { log } from '../log/log'

const FILE = 'search-index.json'
const VERSION = 1

/** An article file's mtime and size when its text was indexed: a mismatch means read it again. */
export type FileStamp = { mtimeMs: number; size: number }

const SnapshotFile = z.object({
  schemaVersion: z.literal(VERSION),
  docs: z.array(z.tuple([z.string(), z.number(), z.number()])),
  terms: z.array(z.string()),
  counts: z.array(z.number().int().min(0)),
  /** Every term's document numbers as little-endian 32-bit integers, base64. */
  postings: z.string(),
})

/**
 * The search index saved in the data folder, so a restart does not read every article again.
 * It is a cache: anything wrong with it (missing, another version, damaged) means it is rebuilt
 * from the article files, silently, and a document whose file changed since is read again.
 */
export async function loadSearchSnapshot(
  dataDir: string,
): Promise<{ snapshot: SearchSnapshot; stamps: Map<string, FileStamp> } | null> {
  await removeTempFiles(dataDir)
  // Anything but a regular file (a FIFO would block a plain read forever) counts as no snapshot.
  const text = await readRegularFile(join(dataDir, FILE)).catch((error: unknown) => {
    log.warn('search', 'Could not read the saved search index; building it again', error)
    return null
  })
  if (text === null) return null
  let file: z.infer<typeof SnapshotFile>
  try {
    file = SnapshotFile.parse(JSON.parse(text))
  } catch (error) {
    log.warn('search', 'The saved search index was damaged; building it again', error)
    await rm(join(dataDir, FILE), { force: true })
    return null
  }
  const bytes = Buffer.from(file.postings, 'base64')
  const total = file.counts.reduce((sum, count) => sum + count, 0)
  if (file.counts.length !== file.terms.length || bytes.length !== total * 4) return null
  // Copied into an aligned buffer in one go; only a big-endian machine needs the slow way.
  const postings = new Int32Array(total)
  if (endianness() === 'LE') new Uint8Array(postings.buffer).set(bytes)
  else for (let i = 0; i < total; i += 1) postings[i] = bytes.readInt32LE(i * 4)
  return {
    snapshot: {
      ids: file.docs.map(([id]) => id),
      terms: file.terms,
      counts: file.counts,
      postings,
    },
    stamps: new Map(file.docs.map(([id, mtimeMs, size]) => [id, { mtimeMs, size }])),
  }
}

/** Writes the snapshot durably; documents without a stamp are saved as never current. */
export async function saveSearchSnapshot(
  dataDir: string,
  snapshot: SearchSnapshot,
  stampOf: (id: string) => FileStamp | undefined,
): Promise<void> {
  const bytes = Buffer.alloc(snapshot.postings.length * 4)
  if (endianness() === 'LE')
    bytes.set(new Uint8Array(snapshot.postings.buffer, snapshot.postings.byteOffset, bytes.length))
  else snapshot.postings.forEach((doc, i) => bytes.writeInt32LE(doc, i * 4))
  const file: z.infer<typeof SnapshotFile> = {
    schemaVersion: VERSION,
    docs: snapshot.ids.map((id) => {
      const stamp = stampOf(id)
      return [id, stamp?.mtimeMs ?? -1, stamp?.size ?? -1]
    }),
    terms: snapshot.terms,
    counts: snapshot.counts,
    postings: bytes.toString('base64'),
  }
  await writeFileDurably(join(dataDir, FILE), JSON.stringify(file))
}

/** A save of the snapshot that a crash cut short left its temp file behind. */
async function removeTempFiles(dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir).catch(() => [])) {
    const temp = parseTempName(name)
    if (temp?.target === FILE && temp.run !== THIS_RUN)
      await rm(join(dataDir, name), { force: true })
  }
}
