import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import sharp from 'sharp'
import type { Article } from '../src/shared/domain/Article'
import { systemClock } from '../src/shared/domain/Clock'
import type { BodyDoc, DocNode } from '../src/shared/domain/DocNode'
import type { LeadPicture } from '../src/shared/domain/LeadPicture'
import type { PictureType } from '../src/shared/media/PictureType'
import type { MediaStore } from '../src/main/media/MediaStore'
import { PictureImporter } from '../src/main/media/PictureImporter'
import { openWorkstation, type Workstation } from '../src/main/openWorkstation'
import { ms, percentile, type Row } from './benchTable'
import { withFigures } from './withFigures'

const FRAME_BUDGET_MS = 16
const SAVE_RATIO_TARGET = 1.2

/**
 * A camera-sized JPEG (6000 × 4000, 24 megapixels) of noise, which compresses as badly as a photo,
 * with the EXIF a newsroom picture carries; `label` makes each one's bytes, so its hash, its own.
 */
async function cameraJpeg(label: string, width = 6000, height = 4000): Promise<Uint8Array> {
  const data = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#7a8899',
      noise: { type: 'gaussian', mean: 120, sigma: 40 },
    },
  })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: {
        ImageDescription: `Bench picture ${label}`,
        Artist: 'Bench Photographer',
        Copyright: 'Bench Agency',
        Make: 'Bench Camera',
      },
    })
    .toBuffer()
  return new Uint8Array(data)
}

/** The media store, noting when each file (the original, then each rendition) is stored. */
function timedMedia(media: MediaStore, stored: Map<string, number>): MediaStore {
  return new Proxy(media, {
    get(target, key) {
      if (key === 'put')
        return async (data: Uint8Array, type: PictureType) => {
          const result = await target.put(data, type)
          stored.set(result.id, performance.now())
          return result
        }
      const value: unknown = Reflect.get(target, key)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

type ImportRun = { webMs: number; thumbnailMs: number; blockMs: number; idleBlockMs: number }

/** The longest wait for a 1 ms timer while the main thread has nothing to do for `duration`. */
async function idleBlock(duration: number): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  await new Promise((resolve) => setTimeout(resolve, duration))
  delay.disable()
  return delay.max / 1e6
}

async function timeImport(
  importer: PictureImporter,
  stored: Map<string, number>,
  data: Uint8Array,
) {
  stored.clear()
  // The main thread's longest wait for a 1 ms timer, during the import only.
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  const start = performance.now()
  const record = await importer.importBytes(data, 'bench.jpg')
  delay.disable()
  const at = (name: string) => {
    const id = record.renditions.find((rendition) => rendition.name === name)?.id
    const time = id === undefined ? undefined : stored.get(id)
    if (time === undefined) throw new Error(`The import stored no ${name} rendition.`)
    return time - start
  }
  const thumbnailMs = at('thumbnail')
  // On a shared machine the OS also holds the thread back: the same probe, idle, for as long.
  const run: ImportRun = {
    webMs: at('web'),
    thumbnailMs,
    blockMs: delay.max / 1e6,
    idleBlockMs: await idleBlock(thumbnailMs),
  }
  return run
}

/**
 * Issue 16: importing a 24-megapixel JPEG (time until its web rendition and its thumbnail are
 * stored, the main thread's longest block meanwhile), beside sharp alone making the same web
 * rendition; and saving a story with 20 pictures beside the same story without them.
 */
export async function benchPictures(
  root: string,
  body: BodyDoc,
  options: { imports: number; saves: number },
): Promise<Row[]> {
  const dataDir = join(root, 'pictures')
  await mkdir(dataDir, { recursive: true })
  const workstation = await openWorkstation({ dataDir, host: 'cli', version: 'bench' })
  try {
    await workstation.profiles.set({ name: 'Bench Writer', role: 'writer' })
    const stored = new Map<string, number>()
    const importer = new PictureImporter({
      media: timedMedia(workstation.media, stored),
      settings: () => workstation.settings.get(),
      clock: systemClock,
    })
    // sharp and exifr load with a session's first picture (once); these rows time the imports after.
    const small = await Promise.all(
      Array.from({ length: 20 }, (_, i) => cameraJpeg(`small ${i}`, 1600, 1067)),
    )
    const pictures: LeadPicture[] = []
    for (const [i, data] of small.entries()) {
      const record = await importer.importBytes(data, `small-${i}.jpg`)
      pictures.push({
        mediaId: record.id,
        caption: `Picture ${i + 1} of the bench story, as a caption of two lines would run.`,
        credit: 'Bench Agency',
        creator: 'Bench Photographer',
        copyright: '© Bench Agency',
        altText: `A description of picture ${i + 1} for readers who cannot see it.`,
      })
    }
    const runs: ImportRun[] = []
    const alone: number[] = []
    const sizes: number[] = []
    for (let i = 0; i < options.imports; i += 1) {
      const data = await cameraJpeg(`large ${i}`)
      sizes.push(data.length)
      const start = performance.now()
      await sharp(data).resize({ width: 2048, height: 2048, fit: 'inside' }).jpeg().toBuffer()
      alone.push(performance.now() - start)
      runs.push(await timeImport(importer, stored, data))
    }
    const median = (values: number[]) => percentile(values, 50)
    const block = Math.max(...runs.map((run) => run.blockMs))
    const importRows: Row[] = [
      {
        measure: `import a 24-MP JPEG (${(median(sizes) / 2 ** 20).toFixed(1)} MB): web rendition / thumbnail stored, median of ${runs.length}`,
        value: `${ms(median(runs.map((run) => run.webMs)))} / ${ms(median(runs.map((run) => run.thumbnailMs)))}`,
        baseline: `sharp alone, web rendition: ${ms(median(alone))}`,
        ratio: `${(median(runs.map((run) => run.thumbnailMs)) / median(alone)).toFixed(1)}×`,
        target: '',
        pass: null,
      },
      {
        measure: `import a 24-MP JPEG: main thread's longest block (max of ${runs.length})`,
        value: ms(block),
        baseline: `each: ${runs.map((run) => ms(run.blockMs)).join(', ')}; the same probe idle as long: ${runs.map((run) => ms(run.idleBlockMs)).join(', ')}`,
        ratio: '',
        target: `≤ ${FRAME_BUDGET_MS} ms`,
        pass: block <= FRAME_BUDGET_MS,
      },
    ]
    return [...importRows, await benchPictureSaves(workstation, body, pictures, options.saves)]
  } finally {
    await workstation.close()
  }
}

/** One word more at the end of the first paragraph, as a writer's autosave sends the body. */
function edited(body: BodyDoc, round: number): BodyDoc {
  const [first, ...rest] = body.content ?? []
  const word: DocNode = { type: 'text', text: ` word${round}` }
  const changed: DocNode = first
    ? { ...first, content: [...(first.content ?? []), word] }
    : { type: 'paragraph', content: [word] }
  return { type: 'doc', content: [changed, ...rest] }
}

async function benchPictureSaves(
  workstation: Workstation,
  body: BodyDoc,
  pictures: LeadPicture[],
  saves: number,
): Promise<Row> {
  const [lead, ...figures] = pictures
  const stories = [
    { body, leadPicture: null, times: [] as number[] },
    { body: withFigures(body, figures), leadPicture: lead ?? null, times: [] as number[] },
  ]
  const current = new Map<(typeof stories)[number], Article>()
  for (const story of stories)
    current.set(
      story,
      await workstation.articles.create({
        fields: { headline: 'Bench story', body: story.body, leadPicture: story.leadPicture },
      }),
    )
  const warmUp = 5
  for (let round = 0; round < warmUp + saves; round += 1) {
    // Turn about, so a busy moment of the machine falls on both alike.
    const order = round % 2 === 0 ? stories : [...stories].reverse()
    for (const story of order) {
      const article = current.get(story)
      if (!article) throw new Error('The bench story was not created.')
      const start = performance.now()
      const saved = await workstation.client.saveArticle({
        id: article.id,
        baseRevision: article.revision,
        changes: { body: edited(story.body, round), leadPicture: story.leadPicture },
      })
      if (round >= warmUp) story.times.push(performance.now() - start)
      current.set(story, saved)
    }
  }
  const [plain, pictured] = stories.map((story) => story.times)
  const ratio = percentile(pictured ?? [], 50) / percentile(plain ?? [], 50)
  return {
    measure: `save a story with 20 pictures (lead + 19 figures), p50 / p95, ${saves} saves`,
    value: `${ms(percentile(pictured ?? [], 50))} / ${ms(percentile(pictured ?? [], 95))}`,
    baseline: `same story, no pictures: ${ms(percentile(plain ?? [], 50))} / ${ms(percentile(plain ?? [], 95))}`,
    ratio: `${ratio.toFixed(2)}× at p50`,
    target: `≤ ${SAVE_RATIO_TARGET}×`,
    pass: ratio <= SAVE_RATIO_TARGET,
  }
}
