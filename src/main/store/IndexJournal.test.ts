import { randomUUID } from 'node:crypto'
import { readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../../shared/domain/Article'
import { newArticle } from '../../shared/domain/newArticle'
import { tempDir } from '../../../tests/support/tempDir'
import { LowdbArticleRepository } from './LowdbArticleRepository'

let dir: { path: string; cleanup: () => Promise<void> }
let repo: LowdbArticleRepository | undefined

beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => {
  await repo?.close()
  repo = undefined
  await dir.cleanup()
})

const open = () => LowdbArticleRepository.open(dir.path, { purpose: 'test' })
const draft = (headline: string, now = '2026-01-23T10:00:00.000Z') =>
  newArticle({ id: randomUUID(), author: 'Asha', now, fields: { headline } })
const articlePath = (id: string) => join(dir.path, 'articles', `${id}.json`)
const journalPath = () => join(dir.path, 'index-journal.json')
const headlines = async (store: LowdbArticleRepository) =>
  (await store.list()).map((summary) => summary.headline).sort()

/** Two articles saved through Copydesk, and Copydesk closed cleanly. */
async function closedDesk(): Promise<Article[]> {
  repo = await open()
  const saved = [await repo.create(draft('one')), await repo.create(draft('two'))]
  await repo.close()
  repo = undefined
  return saved
}

describe('the index journal', () => {
  it('opens the list from the index alone after a clean close', async () => {
    await closedDesk()
    repo = await open()
    expect(repo.fullCheckReason).toBeNull()
    expect(await headlines(repo)).toEqual(['one', 'two'])
  })

  it('checks every file after a start on a folder without a journal', async () => {
    repo = await open()
    expect(repo.fullCheckReason).toBe('no journal')
  })

  it('lists an article file added by hand while Copydesk was closed', async () => {
    await closedDesk()
    const added = draft('added by hand')
    await writeFile(articlePath(added.id), JSON.stringify(added))
    repo = await open()
    expect(repo.fullCheckReason).toMatch(/articles\/ or trash\/ changed outside Copydesk/)
    expect(await headlines(repo)).toEqual(['added by hand', 'one', 'two'])
  })

  it('drops an article whose file was deleted by hand while Copydesk was closed', async () => {
    const [one] = await closedDesk()
    await rm(articlePath(one?.id ?? ''))
    repo = await open()
    expect(await headlines(repo)).toEqual(['two'])
  })

  it('sees an article file edited in place by hand, once the background check is done', async () => {
    const [one] = await closedDesk()
    if (!one) throw new Error('no article')
    // Same length, so only the file's time tells; writing in place moves no folder's time.
    await writeFile(articlePath(one.id), JSON.stringify({ ...one, headline: 'ONE' }))
    repo = await open()
    expect(repo.fullCheckReason).toBeNull()
    await repo.checked()
    expect(await headlines(repo)).toEqual(['ONE', 'two'])
    expect((await repo.search('ONE')).map((summary) => summary.id)).toEqual([one.id])
  })

  it('checks every file when Copydesk did not close (a crash mid-session)', async () => {
    const [one] = await closedDesk()
    if (!one) throw new Error('no article')
    repo = await open()
    await repo.checked()
    // The journal as a killed process leaves it: a session open, never closed.
    const whileOpen = await readFile(journalPath(), 'utf8')
    await repo.close()
    repo = undefined
    await writeFile(journalPath(), whileOpen)
    await writeFile(articlePath(one.id), JSON.stringify({ ...one, headline: 'ONE' }))
    repo = await open()
    expect(repo.fullCheckReason).toBe('Copydesk did not close cleanly')
    expect(await headlines(repo)).toEqual(['ONE', 'two'])
  })

  it.each([
    ['missing', () => rm(journalPath()), 'no journal'],
    ['damaged', () => writeFile(journalPath(), '{"schemaVersion":1,"state":"clo'), 'damaged'],
    [
      'of another version',
      () => writeFile(journalPath(), '{"schemaVersion":99,"state":"closed"}'),
      'damaged',
    ],
  ])('checks every file when the journal is %s', async (_what, spoil, reason) => {
    const [one] = await closedDesk()
    if (!one) throw new Error('no article')
    await spoil()
    await writeFile(articlePath(one.id), JSON.stringify({ ...one, headline: 'ONE' }))
    repo = await open()
    expect(repo.fullCheckReason).toMatch(reason)
    expect(await headlines(repo)).toEqual(['ONE', 'two'])
  })

  it('checks every file when index.json was changed by hand', async () => {
    const [one, two] = await closedDesk()
    if (!one || !two) throw new Error('no article')
    const index = join(dir.path, 'index.json')
    // An entry for a file that is not there: taken as it is, it would list a ghost.
    const ghost = randomUUID()
    const text = await readFile(index, 'utf8')
    const entry = `"${ghost}":{"id":"${ghost}",`
    await writeFile(index, text.replace(`"${one.id}":{"id":"${one.id}",`, `${entry}`))
    repo = await open()
    expect(repo.fullCheckReason).toBe('index.json changed outside Copydesk')
    const ids = (await repo.list()).map((summary) => summary.id)
    expect(ids.sort()).toEqual([one.id, two.id].sort())
  })

  it('checks every file when a folder time was set back by hand', async () => {
    const [one] = await closedDesk()
    if (!one) throw new Error('no article')
    await rm(articlePath(one.id))
    // Put the folder's time back: still not the time the journal holds, to the nanosecond.
    await utimes(join(dir.path, 'articles'), 1_000_000, 1_000_000)
    repo = await open()
    expect(repo.fullCheckReason).not.toBeNull()
    expect(await headlines(repo)).toEqual(['two'])
  })

  it('takes the index as it is only when Copydesk wrote everything at its last close', async () => {
    await closedDesk()
    repo = await open()
    await repo.create(draft('three'))
    await repo.close()
    repo = await open()
    expect(repo.fullCheckReason).toBeNull()
    expect(await headlines(repo)).toEqual(['one', 'three', 'two'])
  })
})
