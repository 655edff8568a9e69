import { CorruptFileError } from '../store/DurableJsonFile'
import { NotARegularFileError, readRegularBuffer } from '../store/readRegularFile'

/**
 * The bytes of the regular file at `path`, or null when there is none. As for articles, a symbolic
 * link is never followed and a FIFO never blocks: anything but a file is damage (CorruptFileError).
 */
export async function readRegularBytes(path: string): Promise<Uint8Array | null> {
  try {
    const bytes = await readRegularBuffer(path)
    return bytes === null ? null : new Uint8Array(bytes)
  } catch (error) {
    if (error instanceof NotARegularFileError)
      throw new CorruptFileError(path, `${error.what}, not a picture file; it was not opened`)
    throw error
  }
}
