import { randomUUID } from 'node:crypto'
import { readFileSync, writeSync } from 'node:fs'
import { systemClock } from '../../src/shared/domain/Clock'
import { DEFAULT_DESK_SETTINGS } from '../../src/shared/domain/DeskSettings'
import { newArticle } from '../../src/shared/domain/newArticle'
import { MediaId } from '../../src/shared/media/MediaId'
import { MediaStore } from '../../src/main/media/MediaStore'
import { PictureImporter } from '../../src/main/media/PictureImporter'
import { HistoryRepository } from '../../src/main/store/HistoryRepository'
import { LowdbArticleRepository } from '../../src/main/store/LowdbArticleRepository'

/** A small PNG whose colour (and so whose hash) follows `n`: a new picture most times it is asked. */
async function pictureBytes(n: number): Promise<Uint8Array> {
  // Loaded on first use, as the app does: the check and the first saves start without it.
  const { default: sharp } = await import('sharp')
  const background = { r: n & 255, g: (n >> 8) & 255, b: (process.pid + (n >> 16)) & 255 }
  const png = await sharp({ create: { width: 24, height: 16, channels: 3, background } })
    .png()
    .toBuffer()
  return new Uint8Array(png)
}

/**
 * For the crash loop (scripts/crash-loop.js). `write DIR`: prints "READY" once the store is open, then
 * saves articles as fast as it can and prints "ACK id revision headline" after each save the store
 * acknowledged, and "SNAP id seq revision" after each revision snapshot (every fifth save), until it
 * is killed. Every third save of a story first imports a new picture (original, renditions, record, as Insert
 * picture does) and makes it the story's lead picture; its ACK line carries the picture's id.
 * `check DIR ACKFILE`: opens the store and verifies every file loads, every acknowledged save is there,
 * every acknowledged snapshot is listed and still holds its revision (none was overwritten), and every
 * picture an acknowledged save refers to reads back sound with its record and renditions.
 */
async function main(): Promise<number> {
  const [mode, dir, ackFile] = process.argv.slice(2)
  if (!dir || (mode !== 'write' && mode !== 'check')) {
    process.stderr.write('usage: crashWriter write DIR | check DIR ACKFILE\n')
    return 2
  }
  const repo = await LowdbArticleRepository.open(dir, { purpose: 'crash loop' })
  const history = new HistoryRepository(dir, repo.quarantine, repo.access)
  const media = await MediaStore.open({
    dataDir: dir,
    quarantine: repo.quarantine,
    access: repo.access,
    clock: systemClock,
  })
  if (mode === 'check') return check(repo, history, media, ackFile ?? '')
  const pictures = new PictureImporter({
    media,
    settings: () => DEFAULT_DESK_SETTINGS,
    clock: systemClock,
  })
  writeSync(1, 'READY\n')
  let counter = 0
  for (;;) {
    const list = await repo.list()
    counter += 1
    const headline = `h${process.pid}-${counter}`
    if (list.length < 20) {
      const article = await repo.create(
        newArticle({
          id: randomUUID(),
          author: 'crash',
          now: new Date().toISOString(),
          fields: { headline },
        }),
      )
      writeSync(1, `ACK ${article.id} ${article.revision} ${headline}\n`)
      continue
    }
    const target = list[counter % list.length]
    if (!target) continue
    const picture =
      counter % 3 === 0
        ? await pictures.importBytes(await pictureBytes(counter), `crash-${counter}.png`)
        : null
    const saved = await repo.update(target.id, target.revision, (current) => ({
      ...current,
      headline,
      leadPicture: picture
        ? {
            mediaId: picture.id,
            caption: headline,
            credit: 'Crash loop',
            creator: '',
            copyright: '',
            altText: 'A flat colour',
          }
        : current.leadPicture,
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: `${headline} `.repeat(200) }] },
        ],
      },
      revision: current.revision + 1,
      updatedAt: new Date().toISOString(),
    }))
    const lead = saved.leadPicture?.mediaId
    writeSync(1, `ACK ${saved.id} ${saved.revision} ${headline}${lead ? ` ${lead}` : ''}\n`)
    if (counter % 5 !== 0) continue
    const meta = await history.snapshot(
      saved.id,
      {
        at: saved.updatedAt,
        by: 'crash',
        status: saved.status,
        reason: 'saved-version',
        articleRevision: saved.revision,
      },
      saved,
    )
    writeSync(1, `SNAP ${saved.id} ${meta.seq} ${saved.revision}\n`)
  }
}

async function check(
  repo: LowdbArticleRepository,
  history: HistoryRepository,
  media: MediaStore,
  ackFile: string,
): Promise<number> {
  const failures: string[] = []
  const latest = new Map<string, { revision: number; headline: string }>()
  const snapshots: { id: string; seq: number; revision: number }[] = []
  const pictureIds = new Set<string>()
  for (const line of readFileSync(ackFile, 'utf8').split('\n')) {
    const [tag, id, revision, headline, picture] = line.split(' ')
    if (tag === 'SNAP' && id && revision && headline)
      snapshots.push({ id, seq: Number(revision), revision: Number(headline) })
    if (tag !== 'ACK' || !id || !revision || !headline) continue
    latest.set(id, { revision: Number(revision), headline })
    if (picture) pictureIds.add(picture)
  }
  for (const picture of pictureIds) {
    try {
      const id = MediaId.parse(picture)
      await media.read(id)
      const record = await media.readRecord(id)
      if (!record) failures.push(`picture ${picture}: acknowledged, but its record is missing`)
      for (const rendition of record?.renditions ?? []) await media.read(rendition.id)
    } catch (error) {
      failures.push(`picture ${picture}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  for (const { id, seq, revision } of snapshots) {
    try {
      const listed = (await history.read(id)).revisions.some((meta) => meta.seq === seq)
      if (!listed) failures.push(`${id}: acknowledged snapshot ${seq} is not listed`)
      const kept = await history.readSnapshot(id, seq)
      if (kept.revision !== revision)
        failures.push(`${id}: snapshot ${seq} holds revision ${kept.revision}, not ${revision}`)
    } catch (error) {
      failures.push(
        `${id} snapshot ${seq}: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }
  const problems = await repo.problems()
  for (const problem of problems)
    failures.push(`unreadable file ${problem.file}: ${problem.reason}`)
  for (const [id, acked] of latest) {
    try {
      const article = await repo.get(id)
      if (article.revision < acked.revision)
        failures.push(`${id}: acknowledged revision ${acked.revision}, found ${article.revision}`)
      if (article.revision === acked.revision && article.headline !== acked.headline)
        failures.push(`${id}: revision ${acked.revision} has the wrong text`)
    } catch (error) {
      failures.push(`${id}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  await repo.close()
  process.stdout.write(
    failures.length === 0
      ? `OK ${latest.size} articles, every acknowledged save present, ${snapshots.length} snapshots and ${pictureIds.size} pictures intact\n`
      : `${failures.join('\n')}\n`,
  )
  return failures.length === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  },
)
