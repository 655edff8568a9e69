import { createHash } from 'node:crypto'
import { parentPort } from 'node:worker_threads'
import { readRegularBytes } from './readRegularBytes'
import { PictureJob, type PictureAnswer } from './PictureWorker'
import { renderPicture } from './renderPicture'

/** The picture worker (built as its own entry, out/main/pictureWorker.js): see PictureWorker. */
parentPort?.on('message', (message: unknown) => {
  const job = PictureJob.parse(message)
  readOriginal(job.path, job.sha256)
    .then((data) => renderPicture(data, job.options))
    .then(
      (rendered) => {
        const answer: PictureAnswer = { id: job.id, ok: true, ...rendered }
        // The renditions are moved to the main thread, not copied (each is a fresh array of its own).
        const moved = rendered.files.flatMap(({ data: { buffer } }) =>
          buffer instanceof ArrayBuffer ? [buffer] : [],
        )
        parentPort?.postMessage(answer, moved)
      },
      (error: unknown) => {
        const answer: PictureAnswer = {
          id: job.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        }
        parentPort?.postMessage(answer)
      },
    )
})

/** The stored original, as the media store reads it: its content must be the one its name says. */
async function readOriginal(path: string, sha256: string): Promise<Uint8Array> {
  const data = await readRegularBytes(path)
  if (!data) throw new Error('The picture file was removed before its renditions were made.')
  if (createHash('sha256').update(data).digest('hex') !== sha256)
    throw new Error('The picture file changed before its renditions were made.')
  return data
}
