import type { PictureRecord } from '../../../shared/media/PictureRecord'
import { api } from '../api'
import { fileToBase64 } from './fileToBase64'

/** The largest file sent to main at all; main applies the desk's own (smaller) limit. */
const MAX_SENT_BYTES = 100_000_000

/**
 * Sends a chosen, dropped or pasted file to main to be checked and stored; main decides from the
 * bytes whether it is a picture, and its refusal (an SVG, a file too big) is the error's message.
 */
export async function importPictureFile(file: File): Promise<PictureRecord> {
  const name = file.name || 'pasted picture'
  if (file.size > MAX_SENT_BYTES)
    throw new Error(
      `“${name}” is ${Math.round(file.size / 1_000_000)} MB: pictures over 100 MB are not taken.`,
    )
  const { picture } = await api.importPicture({ name, data: await fileToBase64(file) })
  return picture
}

/** The first file a drop or paste carries, if it carries any. */
export function firstFile(data: DataTransfer | null): File | null {
  return data?.files[0] ?? null
}

/** Whether a drag carries files (its files are readable only on drop). */
export function dragHasFiles(data: DataTransfer | null): boolean {
  return Boolean(data && Array.from(data.types).includes('Files'))
}
