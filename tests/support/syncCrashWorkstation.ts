import { randomUUID } from 'node:crypto'
import { closeSync, fsyncSync, openSync as openFile, readFileSync, writeSync } from 'node:fs'
import { createInterface } from 'node:readline'
import sharp from 'sharp'
import { MediaStore } from '../../src/main/media/MediaStore'
import { PictureImporter } from '../../src/main/media/PictureImporter'
import { DEFAULT_DESK_SETTINGS } from '../../src/shared/domain/DeskSettings'
import { HistoryRepository } from '../../src/main/store/HistoryRepository'
import { LowdbArticleRepository } from '../../src/main/store/LowdbArticleRepository'
import type { SyncConflict } from '../../src/main/sync/SyncConflict'
import { openSync } from '../../src/main/sync/openSync'
import { createDeskClient, type DeskClient } from '../../src/shared/desk/createDeskClient'
import type { Article } from '../../src/shared/domain/Article'
import { isoNow, systemClock } from '../../src/shared/domain/Clock'
import { newArticle } from '../../src/shared/domain/newArticle'
import { AppError } from '../../src/shared/ipc/AppError'
import { checkSyncedFolder } from './checkSyncedFolder'
import { pgliteFolder } from './pgliteFolder'

/** Stories the bursts write to: few enough that their texts keep growing. */
const STORIES = 12
/** Changes in one burst at most: enough to be mid-burst when killed, few enough to settle fast. */
const BURST = 20

/**
 * The workstation of the sync crash loop (scripts/sync-crash-loop.js), as a process.
 * `prepare DIR`: an empty embedded desk database in DIR, for `desk admin create` and `desk serve`.
 * `setup URL EMAIL` (the desk admin's password on stdin): makes a writer account and signs in its
 * devices; prints `{ token, checkTokens }` as one JSON line.
 * `run DIR URL TOKEN CHECKTOKENS ACKFILE`: opens the data folder joined to the desk (`openSync` over
 * the lowdb store, as the app does), starts the engine and prints OPEN; then follows commands on
 * stdin: `burst SEED TAG` edits as fast as the store answers (new stories, saves of growing text,
 * new lead pictures, notes, submissions), appending each acknowledged change to ACKFILE (fsynced) before the next;
 * `settle` stops the burst, waits until the queue is empty and the cursor has reached the feed's end,
 * then checks the folder against the desk and every acknowledgement (one line: CHECK OK or CHECK FAIL).
 */
async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2)
  // An initdb'd embedded database copied from the tests' template: a new one costs 15 s here.
  if (mode === 'prepare' && args[0]) return pgliteFolder(args[0])
  if (mode === 'setup' && args[0] && args[1]) return setup(args[0], args[1])
  const [dir, url, token, checkTokens, ackFile] = args
  if (mode !== 'run' || !dir || !url || !token || !checkTokens || !ackFile) {
    process.stderr.write(
      'usage: syncCrashWorkstation prepare DIR | setup URL EMAIL | run DIR URL TOKEN CHECKTOKENS ACKFILE\n',
    )
    process.exit(2)
  }
  await run(dir, url, token, checkTokens.split(','), ackFile)
}

async function setup(url: string, email: string): Promise<void> {
  const password = readFileSync(0, 'utf8').trim()
  const anonymous = createDeskClient({ baseUrl: url, fetch, token: () => null })
  const admin = await anonymous.signIn({ email, password, deviceName: 'crash loop admin' })
  const client = createDeskClient({ baseUrl: url, fetch, token: () => admin.token })
  const writer = { email: 'writer@crash.example', password: 'crash loop writer password' }
  await client.createAccount({ ...writer, name: 'Asha Writer', role: 'writer' })
  const device = async (deviceName: string) =>
    (await anonymous.signIn({ ...writer, deviceName })).token
  const token = await device('crash workstation')
  // The checker reads a lot at once: its own devices, so it never takes the workstation's rate.
  const checkTokens = [await device('checker 1'), await device('checker 2')]
  process.stdout.write(`${JSON.stringify({ token, checkTokens })}\n`)
}

/** A small PNG of a colour and size drawn from `random`: a picture no other step made. */
async function pictureBytes(random: () => number): Promise<Uint8Array> {
  const channel = () => Math.floor(random() * 256)
  return sharp({
    create: {
      width: 8 + Math.floor(random() * 64),
      height: 8 + Math.floor(random() * 64),
      channels: 3,
      background: { r: channel(), g: channel(), b: channel() },
    },
  })
    .png()
    .toBuffer()
}

/** A seeded generator, so a failing run can be replayed from its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function textIn(article: Article): string {
  const first = article.body.content?.[0]
  const text = first?.content?.[0]
  return text && 'text' in text && typeof text.text === 'string' ? text.text : ''
}

function withText(article: Article, text: string): Article {
  return {
    ...article,
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
  }
}

async function run(
  dir: string,
  url: string,
  token: string,
  checkTokens: string[],
  ackFile: string,
): Promise<void> {
  const local = await LowdbArticleRepository.open(dir, { purpose: 'sync crash loop' })
  const history = new HistoryRepository(dir, local.quarantine, local.access)
  const conflicts: SyncConflict[] = []
  const client = createDeskClient({ baseUrl: url, fetch, token: () => token })
  const media = await MediaStore.open({
    dataDir: dir,
    quarantine: local.quarantine,
    access: local.access,
    clock: systemClock,
  })
  const importer = new PictureImporter({
    media,
    settings: () => DEFAULT_DESK_SETTINGS,
    clock: systemClock,
  })
  const sync = await openSync({
    dataDir: dir,
    media,
    client,
    local,
    history,
    quarantine: local.quarantine,
    clock: systemClock,
    who: 'Asha Writer',
    retry: { firstMs: 20, maxMs: 200 },
    onConflict: (conflict) => conflicts.push(conflict),
    // Folded into a new snapshot every few changes, so kills land inside compactions too.
    queue: { compactAtBytes: 16 * 1024 },
  })
  sync.engine.start()
  let turn = 0
  const checker: DeskClient = createDeskClient({
    baseUrl: url,
    fetch,
    token: () => checkTokens[(turn += 1) % checkTokens.length] ?? null,
  })
  const acks = openFile(ackFile, 'a')
  const ack = (line: string) => {
    writeSync(acks, `${line}\n`)
    fsyncSync(acks)
  }
  const submitted = new Set(
    readFileSync(ackFile, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('SUBMIT '))
      .map((line) => line.split(' ')[1]),
  )

  let bursting: Promise<void> | null = null
  let stopBurst = false
  const burst = async (random: () => number, tag: string) => {
    for (let n = 1; !stopBurst && n <= BURST; n += 1) {
      const marker = `[${tag}.${process.pid}.${n}]`
      const stories = await sync.repository.list()
      const roll = random()
      if (stories.length < STORIES && (stories.length < 3 || roll < 0.15)) {
        const article = newArticle({
          id: randomUUID(),
          author: 'Asha Writer',
          now: isoNow(systemClock),
          fields: {
            headline: `Crash loop story ${marker}`,
            dateline: { place: 'Lagos', date: '2026-12-01' },
            byline: ['Asha Writer'],
          },
        })
        const stored = await sync.repository.create(withText(article, `Filed ${marker}`))
        ack(`SAVE ${stored.id} ${stored.revision} ${marker}`)
        continue
      }
      const story = stories[Math.floor(random() * stories.length)]
      if (!story) continue
      if (roll < 0.25) {
        await sync.engine.addNote(story.id, `Note ${marker}`, 'Asha Writer')
        ack(`NOTE ${story.id} ${marker}`)
      } else if (roll < 0.28 || roll > 0.88) {
        // A new picture (its own bytes: a colour and size of the seed's) becomes the lead picture:
        // its files and record go to the desk before the save that names it.
        const picture = await importer.importBytes(await pictureBytes(random), `${marker}.png`)
        const current = await sync.repository.get(story.id)
        const saved = await sync.repository
          .update(story.id, current.revision, (article) => ({
            // The marker goes into the growing text too: a later picture replaces this caption.
            ...withText(article, `${textIn(article)} ${marker}`),
            leadPicture: {
              mediaId: picture.id,
              caption: `Picture ${marker}`,
              credit: 'Crash loop',
              creator: '',
              copyright: '',
              altText: 'A plain coloured rectangle',
            },
            revision: article.revision + 1,
          }))
          .catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'CONFLICT') return null
            throw error
          })
        if (saved) ack(`SAVE ${saved.id} ${saved.revision} ${marker}`)
      } else if (roll < 0.33 && story.status === 'draft' && !submitted.has(story.id)) {
        await sync.engine.transition(story.id, 'submit')
        submitted.add(story.id)
        ack(`SUBMIT ${story.id}`)
      } else {
        const current = await sync.repository.get(story.id)
        // The desk's version may land between reading and saving (a submission coming back): the
        // editor gets the conflict banner and nothing was acknowledged, so the burst moves on.
        const saved = await sync.repository
          .update(story.id, current.revision, (article) => ({
            ...withText(article, `${textIn(article)} ${marker}`),
            revision: article.revision + 1,
          }))
          .catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'CONFLICT') return null
            throw error
          })
        if (saved) ack(`SAVE ${saved.id} ${saved.revision} ${marker}`)
      }
      if (random() < 0.3) await new Promise((wake) => setTimeout(wake, Math.floor(random() * 15)))
    }
  }

  const say = (line: string) => writeSync(1, `${line}\n`)
  say('OPEN')
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, seed, tag] = line.split(' ')
    if (command === 'burst') {
      stopBurst = false
      bursting = burst(seeded(Number(seed)), tag ?? 'x')
      bursting.catch((error: unknown) =>
        say(`BURST FAILED ${error instanceof Error ? error.message : String(error)}`),
      )
      say('BURSTING')
    } else if (command === 'settle') {
      stopBurst = true
      await bursting?.catch(() => undefined)
      const problems = await checkSyncedFolder({
        dir,
        media,
        ackFile,
        local,
        history,
        checker,
        ...sync,
        settleMs: Number(seed) || 30_000,
      })
      say(
        problems.failures.length === 0
          ? `CHECK OK ${problems.summary}${conflicts.length > 0 ? `, ${conflicts.length} conflict copies kept` : ''}`
          : `CHECK FAIL ${JSON.stringify(problems.failures)}`,
      )
    } else if (command === 'quit') {
      await sync.engine.stop()
      await sync.pictures?.close()
      await local.close()
      closeSync(acks)
      process.exit(0)
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
