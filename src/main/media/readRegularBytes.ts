import { CorruptFileError } from '../store/DurableJsonFile'
import { isErrnoCode } from '../store/isErrnoCode'
import { describeEntry, openWithoutFollowing } from '../store/readRegularFile'

/**
 * The bytes of the regular file at `path`, or null when there is none. As for articles, a symbolic
 * link is never followed and a FIFO never blocks: anything but a file is damage (CorruptFileError).
 */
export async function readRegularBytes(path: string): Promise<Uint8Array | null> {
  let handle
  try {
    handle = await openWithoutFollowing(path)
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return null
    if (isErrnoCode(error, 'ELOOP') || isErrnoCode(error, 'EMLINK'))
      throw new CorruptFileError(path, 'a symbolic link, not a picture file; it was not opened')
    if (isErrnoCode(error, 'EISDIR'))
      throw new CorruptFileError(path, 'a folder, not a picture file')
    throw error
  }
  try {
    const info = await handle.stat()
    if (!info.isFile())
      throw new CorruptFileError(
        path,
        `${describeEntry(info)}, not a picture file; it was not opened`,
      )
    return new Uint8Array(await handle.readFile())
  } finally {
    await handle.close()
  }
}
