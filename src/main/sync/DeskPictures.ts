import { DESK_MEDIA_ASK_MAX } from '../../shared/desk/calls/deskMediaCalls'
import type { DeskClient } from '../../shared/desk/createDeskClient'
import { DeskError } from '../../shared/desk/DeskError'
import type { Article } from '../../shared/domain/Article'
import { storyPictures } from '../../shared/export/storyPictures'
import { AppError } from '../../shared/ipc/AppError'
import type { MediaId } from '../../shared/media/MediaId'
import type { PictureRecord } from '../../shared/media/PictureRecord'
import { log } from '../log/log'
import type { MediaStore } from '../media/MediaStore'

/** A picture a story uses that neither this workstation nor the desk has: why, for the person. */
export type LackingPicture = { mediaId: MediaId; storyId: string; reason: string }

export type DeskPicturesOptions = {
  client: DeskClient
  media: MediaStore
  /** Pictures arrived from the desk (the editor showing a story that uses them shows them now). */
  onFetched?: (storyId: string, ids: readonly MediaId[]) => void
}

/**
 * A joined workstation's pictures and the desk's (issue 16 item 10). Before a save goes to the desk,
 * the pictures it uses that the desk lacks are sent (each file once, by its hash; the record last),
 * so the desk never has a story without its pictures; sending is idempotent, so a crash between the
 * pictures and the save replays safely. A story arriving from the desk brings its pictures: those
 * missing here are fetched (original, renditions and record, each checked against its hash), then
 * available offline like any imported picture. The desk's renditions are kept as they are rather
 * than made again here: every workstation and the desk's WordPress push then show the same files,
 * and no workstation spends seconds of CPU per picture it only reads.
 */
export class DeskPictures {
  private readonly fetching = new Map<MediaId, Promise<boolean>>()
  private readonly lacking = new Map<MediaId, LackingPicture>()
  /** Pictures known whole on the desk this session: a save of a story does not ask again. */
  private readonly onDesk = new Set<MediaId>()
  /** Pictures found or made whole here this session: opening a story does not hash them again. */
  private readonly here = new Set<MediaId>()
  private background: Promise<void> = Promise.resolve()
  private closed = false

  constructor(private readonly options: DeskPicturesOptions) {}

  /**
   * Sends the desk what it lacks of the pictures `article` uses. The desk unreachable: throws (the
   * save waits and both go again). A picture this workstation does not have whole, or one the desk
   * refuses, is logged and left: the story's words still go, its checks and exports name the picture.
   */
  async upload(article: Article): Promise<void> {
    const records: PictureRecord[] = []
    for (const id of usedPictures(article)) {
      if (this.onDesk.has(id)) continue
      const record = await this.wholeHere(id)
      if (record) records.push(record)
    }
    if (records.length === 0) return
    const ids = records.flatMap((record) => [record.id, ...record.renditions.map((r) => r.id)])
    const missing = await this.missing(ids)
    for (const record of records) {
      try {
        if (missing.records.has(record.id)) {
          for (const id of [...record.renditions.map((r) => r.id), record.id])
            if (missing.files.has(id)) await this.sendFile(id)
          await this.options.client.putPictureRecord({ record })
        }
        this.onDesk.add(record.id)
      } catch (error) {
        if (!isRefusal(error)) throw error
        log.problem(
          'sync',
          `Picture ${record.id.slice(0, 12)}… of story ${article.id} could not be sent to the desk; the story goes without it.`,
          error,
        )
      }
    }
  }

  /**
   * Fetches the pictures `article` uses that are not whole here. True when all are here now. A
   * picture the desk lacks is remembered (lacking()) and is not asked for again until the story
   * changes; the desk unreachable: throws.
   */
  async download(article: Article): Promise<boolean> {
    let all = true
    const fetched: MediaId[] = []
    for (const id of usedPictures(article)) {
      if (this.here.has(id)) continue
      if (await this.wholeHere(id)) {
        this.here.add(id)
        this.lacking.delete(id)
        continue
      }
      const running = this.fetching.get(id) ?? this.fetch(id, article.id)
      this.fetching.set(id, running)
      try {
        if (await running) fetched.push(id)
        else all = false
      } finally {
        this.fetching.delete(id)
      }
    }
    if (fetched.length > 0) this.options.onFetched?.(article.id, fetched)
    return all
  }

  /**
   * Fetches in the background, one story after another (a first sync of a desk full of pictures
   * would otherwise spend the device's request allowance at once); a desk out of reach is tried
   * again when the story is opened or synced.
   */
  want(article: Article): void {
    if (this.closed || usedPictures(article).every((id) => this.here.has(id))) return
    const next = this.background.then(() => this.download(article))
    this.background = next.then(
      () => undefined,
      () => undefined,
    )
    next.catch((error: unknown) =>
      log.warn(
        'sync',
        `The pictures of story ${article.id} could not be fetched from the desk now`,
        error,
      ),
    )
  }

  /**
   * A picture the editor or preview asks for that is not here: fetched from the desk now. Null once
   * it is here; else why not, in a sentence (the desk lacks it, or cannot be reached).
   */
  async fetchOne(id: MediaId, storyId = ''): Promise<string | null> {
    if (this.here.has(id) || (await this.wholeHere(id))) return null
    const running = this.fetching.get(id) ?? this.fetch(id, storyId)
    this.fetching.set(id, running)
    try {
      if (await running) return null
      return this.lacking.get(id)?.reason ?? 'the desk does not have it'
    } catch (error) {
      return `the desk cannot be reached to fetch it now (${error instanceof Error ? error.message : String(error)})`
    } finally {
      this.fetching.delete(id)
    }
  }

  /** Takes no more background work and resolves when what was taken is done (before the folder goes). */
  async close(): Promise<void> {
    this.closed = true
    await this.background
  }

  /** The pictures stories use that neither this workstation nor the desk has. */
  lackingPictures(): LackingPicture[] {
    return [...this.lacking.values()]
  }

  private async fetch(id: MediaId, storyId: string): Promise<boolean> {
    const { client, media } = this.options
    let record: PictureRecord
    try {
      record = (await client.getPictureRecord({ id })).record
      for (const file of [id, ...record.renditions.map((r) => r.id)]) {
        if (await media.has(file)) continue
        const got = await client.getMediaFile({ id: file })
        const stored = await media.put(Buffer.from(got.data, 'base64'), got.type)
        if (stored.id !== file)
          throw new DeskError('REFUSED', `The desk sent another file for ${file}: it was not kept.`)
      }
    } catch (error) {
      if (!isRefusal(error)) throw error
      const reason =
        error.code === 'NOT_FOUND'
          ? 'the desk does not have it: the workstation that added it has not sent it yet (or could not)'
          : error.message
      this.lacking.set(id, { mediaId: id, storyId, reason })
      return false
    }
    await media.saveRecord(record)
    this.lacking.delete(id)
    this.onDesk.add(id)
    this.here.add(id)
    return true
  }

  /** The picture's record when it and every file it names are here and sound; else null. */
  private async wholeHere(id: MediaId): Promise<PictureRecord | null> {
    const { media } = this.options
    const record = await media.readRecord(id)
    if (!record || record.renditions.length === 0) return null
    for (const file of [id, ...record.renditions.map((r) => r.id)])
      if (!(await media.has(file))) return null
    return record
  }

  private async missing(ids: readonly MediaId[]) {
    const files = new Set<MediaId>()
    const records = new Set<MediaId>()
    for (let at = 0; at < ids.length; at += DESK_MEDIA_ASK_MAX) {
      const answer = await this.options.client.missingMedia({
        ids: ids.slice(at, at + DESK_MEDIA_ASK_MAX),
      })
      for (const id of answer.files) files.add(id)
      for (const id of answer.records) records.add(id)
    }
    return { files, records }
  }

  private async sendFile(id: MediaId): Promise<void> {
    const data = Buffer.from(await this.options.media.read(id))
    await this.options.client.putMediaFile({ id, data: data.toString('base64') })
  }
}

/** The originals a story uses, once each. */
function usedPictures(article: Article): MediaId[] {
  return [...new Set(storyPictures(article).map((entry) => entry.picture.mediaId))]
}

/**
 * The desk answered no for good (refused, not found, invalid), or a local file is gone or damaged:
 * trying the same again cannot help, unlike the desk being out of reach.
 */
function isRefusal(error: unknown): error is DeskError | AppError {
  if (error instanceof AppError) return true
  return (
    error instanceof DeskError &&
    ['REFUSED', 'NOT_FOUND', 'INVALID_INPUT', 'TOO_LARGE', 'FORBIDDEN'].includes(error.code)
  )
}
