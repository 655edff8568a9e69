import { Worker } from 'node:worker_threads'
import { z } from 'zod'
import { PictureMetadata } from '../../shared/media/PictureRecord'
import { PictureType } from '../../shared/media/PictureType'
import type { RenderedPicture, RenderOptions } from './renderPicture'

const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array)

/**
 * What the picture worker is asked: one stored original (its file in media/ and the hash its content
 * must have) and the desk's rendition settings.
 */
export const PictureJob = z.object({
  id: z.number().int(),
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  options: z.object({
    quality: z.number(),
    maxPixels: z.number(),
    keepCopyright: z.boolean(),
    keepCredit: z.boolean(),
  }),
})
export type PictureJob = z.infer<typeof PictureJob>

/** What it answers: the picture's metadata and renditions, or why they could not be made. */
export const PictureAnswer = z.discriminatedUnion('ok', [
  z.object({
    id: z.number().int(),
    ok: z.literal(true),
    metadata: PictureMetadata,
    files: z.array(
      z.object({
        name: z.enum(['web', 'thumbnail']),
        type: PictureType,
        data: Bytes,
        width: z.number().int().positive(),
        height: z.number().int().positive(),
      }),
    ),
  }),
  z.object({ id: z.number().int(), ok: z.literal(false), message: z.string() }),
])
export type PictureAnswer = z.infer<typeof PictureAnswer>

/** The worker itself failed (it could not start, crashed, or answered nonsense), not the picture. */
export class PictureWorkerFailed extends Error {
  constructor(cause: unknown) {
    super(`The picture worker failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    })
  }
}

type Pending = { resolve: (rendered: RenderedPicture) => void; reject: (error: unknown) => void }

/** How long an idle worker is kept (sharp and exifr loaded) for the next picture. */
const IDLE_MS = 30_000

/**
 * Makes pictures' metadata and renditions on a thread of its own (`script`, the built
 * pictureWorkerMain), so that neither exifr's parsing nor sharp's calls and buffers, nor the
 * collector's work on them, hold the main thread during an import. The worker reads the original
 * from the media store's file rather than being sent its bytes: posting a 15 MB array held the main
 * thread 130–190 ms while it was serialised, and copying it into shared memory as long (measured).
 * The renditions come back moved, not copied. Started with the first picture, kept while pictures
 * come in, stopped after IDLE_MS without one; it never keeps the process alive when idle.
 */
export class PictureWorker {
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 0
  private idleTimer: NodeJS.Timeout | undefined

  constructor(private readonly script: string) {}

  /**
   * The metadata and renditions of the original stored at `path`, which the worker reads itself and
   * checks against `sha256`. Rejects with PictureWorkerFailed when the worker failed, else with the
   * picture's own error.
   */
  render(
    original: { path: string; sha256: string },
    options: RenderOptions,
  ): Promise<RenderedPicture> {
    clearTimeout(this.idleTimer)
    let worker: Worker
    try {
      worker = this.started()
    } catch (error) {
      return Promise.reject(new PictureWorkerFailed(error))
    }
    worker.ref()
    const id = this.nextId++
    const job: PictureJob = { id, ...original, options }
    return new Promise<RenderedPicture>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      try {
        worker.postMessage(job)
      } catch (error) {
        this.pending.delete(id)
        reject(new PictureWorkerFailed(error))
      }
    })
  }

  /** Stops the worker; a picture still being made is refused (the caller is closing). */
  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    clearTimeout(this.idleTimer)
    this.rejectAll(new Error('Copydesk was closing before the picture was made.'))
    await worker?.terminate()
  }

  private started(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(this.script)
    worker.on('message', (message: unknown) => this.answered(worker, message))
    worker.on('error', (error) => this.failed(worker, error))
    worker.on('exit', (code) => this.failed(worker, new Error(`it stopped (exit code ${code})`)))
    this.worker = worker
    return worker
  }

  private answered(worker: Worker, message: unknown): void {
    const parsed = PictureAnswer.safeParse(message)
    if (!parsed.success) {
      this.failed(worker, new Error('it sent something other than an answer'))
      return
    }
    const answer = parsed.data
    const job = this.pending.get(answer.id)
    this.pending.delete(answer.id)
    if (answer.ok) job?.resolve({ metadata: answer.metadata, files: answer.files })
    else job?.reject(new Error(answer.message))
    if (this.pending.size === 0) {
      worker.unref()
      this.idleTimer = setTimeout(() => void this.close(), IDLE_MS)
      this.idleTimer.unref()
    }
  }

  private failed(worker: Worker, error: unknown): void {
    // The exit of a worker already replaced or stopped says nothing of the current one.
    if (this.worker !== worker) return
    this.worker = undefined
    clearTimeout(this.idleTimer)
    this.rejectAll(new PictureWorkerFailed(error))
    void worker.terminate()
  }

  private rejectAll(error: Error): void {
    const jobs = [...this.pending.values()]
    this.pending.clear()
    for (const job of jobs) job.reject(error)
  }
}
