import { constants, type Stats } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { isErrnoCode } from './isErrnoCode'

/** Thrown when the path names something other than a regular file (a link, a folder, a FIFO, ...). */
export class NotARegularFileError extends Error {
  constructor(readonly what: string) {
    super(`${what}, not a file`)
  }
}

// Neither exists on Windows, which has no FIFOs to block on and no symbolic links we would create.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0
const NON_BLOCKING = constants.O_NONBLOCK ?? 0

/**
 * The text of the regular file at `path`, or null when there is none. A symbolic link is not
 * followed, and a FIFO is opened without blocking and refused: a reader never hangs on a named pipe
 * someone left in the data folder.
 */
export async function readRegularFile(path: string): Promise<string | null> {
  return (await readRegularBuffer(path))?.toString('utf8') ?? null
}

/** The bytes of the regular file at `path`, or null when there is none; see readRegularFile. */
export async function readRegularBuffer(path: string): Promise<Buffer | null> {
  let handle
  try {
    handle = await openWithoutFollowing(path)
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return null
    if (isErrnoCode(error, 'ELOOP') || isErrnoCode(error, 'EMLINK'))
      throw new NotARegularFileError('a symbolic link')
    if (isErrnoCode(error, 'EISDIR')) throw new NotARegularFileError('a folder')
    throw error
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new NotARegularFileError(describeEntry(info))
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}

/**
 * Opens `path` for reading without following a symbolic link (ELOOP) and without blocking on a FIFO:
 * the caller stats the handle to see what it opened.
 */
export function openWithoutFollowing(path: string): Promise<FileHandle> {
  return open(path, constants.O_RDONLY | NO_FOLLOW | NON_BLOCKING)
}

/** What a directory entry is, in words, for a problem report. */
export function describeEntry(
  info: Pick<Stats, 'isSymbolicLink' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isFile'>,
): string {
  if (info.isSymbolicLink()) return 'a symbolic link'
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isSocket()) return 'a socket'
  if (info.isFile()) return 'a file'
  return 'a device'
}
