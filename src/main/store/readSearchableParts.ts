import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs'
import { Article } from '../../shared/domain/Article'
import { searchableParts } from '../../shared/domain/searchTerms'
import { isErrnoCode } from './isErrnoCode'
import { describeEntry } from './readRegularFile'

// As readRegularFile opens: no symbolic link followed, no blocking on a FIFO (neither on Windows).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/**
 * The fields search reads, checked as the store checks them (the body against the same read
 * limits and shape), and nothing else: the dates, workflow and agency fields an article file also
 * holds are the store's to validate when someone opens it.
 */
const SearchableFile = Article.pick({
  schemaVersion: true,
  id: true,
  headline: true,
  deck: true,
  summary: true,
  keyPoints: true,
  body: true,
  dateline: true,
  byline: true,
  credit: true,
  sources: true,
  tags: true,
  slug: true,
  author: true,
  status: true,
})

/** Why an article file gave search nothing; the store reports the damage when the file is opened. */
export class UnsearchableFileError extends Error {}

/**
 * The searchable text of article `id`'s file at `path`, as `searchableParts` gives it, for the
 * first build of the search index. Cheaper than the store's read, which migrates and validates
 * every field, and read synchronously: a file is a few kilobytes on a local disk, and four trips
 * through libuv's thread pool per file cost more than the reading. A file that is missing, not a
 * regular file, not JSON, of another article, from a newer Copydesk or not the shape of an article
 * where search reads it is refused (thrown).
 */
export function readSearchableParts(path: string, id: string): string[] {
  const text = readRegularFileSync(path)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new UnsearchableFileError(`${path} is not JSON`, { cause: error })
  }
  const parsed = SearchableFile.safeParse(data)
  if (!parsed.success)
    throw new UnsearchableFileError(`${path} is not an article search can read`, {
      cause: parsed.error,
    })
  if (parsed.data.id !== id)
    throw new UnsearchableFileError(`${path} holds article ${parsed.data.id}, not ${id}`)
  return searchableParts(parsed.data)
}

function readRegularFileSync(path: string): string {
  let fd: number
  try {
    fd = openSync(path, OPEN_FLAGS)
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) throw new UnsearchableFileError(`${path} is gone`)
    throw new UnsearchableFileError(`${path} could not be opened`, { cause: error })
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) throw new UnsearchableFileError(`${path} is ${describeEntry(info)}`)
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}
