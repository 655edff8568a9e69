import { randomUUID } from 'node:crypto'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EditableFields } from '../../shared/domain/Article'
import { newArticle } from '../../shared/domain/newArticle'
import { buildSearchWorker } from '../../../tests/support/buildSearchWorker'
import { tempDir } from '../../../tests/support/tempDir'
import { FileLogSink } from '../log/FileLogSink'
import { installLogSink } from '../log/log'
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
const paragraph = (text: string) => ({
  type: 'doc' as const,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})
const story = (headline: string, body: string, now: string, more: Partial<EditableFields> = {}) =>
  newArticle({
    id: randomUUID(),
    author: 'Asha',
    now,
    fields: { headline, body: paragraph(body), ...more },
  })
const headlines = async (query: string) =>
  (await (repo ?? (await open())).search(query)).map((s) => s.headline)

describe('LowdbArticleRepository search', () => {
  it('finds words in the body, not only the headline, headline matches first', async () => {
    repo = await open()
    await repo.create(
      story('Quad ministers meet', 'Talks on semiconductors.', '2026-01-20T09:00:00Z'),
    )
    await repo.create(story('Semiconductor push', 'A new fab opens.', '2026-01-10T09:00:00Z'))
    await repo.create(story('Monsoon arrives', 'Kerala gets rain.', '2026-01-25T09:00:00Z'))
    expect(await headlines('semicond')).toEqual(['Semiconductor push', 'Quad ministers meet'])
    expect(await headlines('kerala rain')).toEqual(['Monsoon arrives'])
    expect(await headlines('kerala semiconductor')).toEqual([])
  })

  it('finds the key points, pull quote and dateline of the wire story', async () => {
    repo = await open()
    await repo.create(
      story(
        'India, Japan forge stronger ties',
        'The dialogue in New Delhi...',
        '2026-01-23T09:00:00Z',
        {
          keyPoints: { title: 'Key Points', items: ['Reaffirmed Quad cooperation'] },
          dateline: { place: 'New Delhi', date: '2026-01-23' },
          credit: 'IANS',
        },
      ),
    )
    expect(await headlines('reaffirmed')).toEqual(['India, Japan forge stronger ties'])
    expect(await headlines('ians delhi')).toEqual(['India, Japan forge stronger ties'])
  })

  it('follows saves: an edited word is found at once and the old one is gone', async () => {
    repo = await open()
    const created = await repo.create(
      story('Budget', 'Fiscal deficit narrows.', '2026-01-20T09:00:00Z'),
    )
    expect(await headlines('deficit')).toEqual(['Budget'])
    await repo.update(created.id, 1, (a) => ({
      ...a,
      body: paragraph('Revenue surplus.'),
      revision: 2,
    }))
    expect(await headlines('deficit')).toEqual([])
    expect(await headlines('surplus')).toEqual(['Budget'])
  })

  it('leaves trashed articles out until they are restored', async () => {
    repo = await open()
    const created = await repo.create(story('Verdict', 'The court ruled.', '2026-01-20T09:00:00Z'))
    await repo.trash(created.id, '2026-01-21T09:00:00Z')
    expect(await headlines('court')).toEqual([])
    await repo.restore(created.id)
    expect(await headlines('court')).toEqual(['Verdict'])
  })

  it('builds its index from the files after a restart', async () => {
    repo = await open()
    await repo.create(story('Harvest', 'Paddy yields rise in Punjab.', '2026-01-20T09:00:00Z'))
    await repo.close()
    repo = await open()
    expect(await headlines('punjab')).toEqual(['Harvest'])
  })

  it('keeps a save made while the index is being built', async () => {
    repo = await open()
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        repo?.create(story(`Story ${i}`, 'Plain copy.', '2026-01-20T09:00:00Z')),
      ),
    )
    await repo.close()
    repo = await open()
    const target = created[39]
    if (!target) throw new Error('no article')
    const warming = repo.warmSearch()
    await repo.update(target.id, 1, (a) => ({
      ...a,
      body: paragraph('Breaking copy.'),
      revision: 2,
    }))
    await warming
    expect(await headlines('breaking')).toEqual(['Story 39'])
    expect(await headlines('plain')).toHaveLength(39)
  })

  it('lists everything for a query without words', async () => {
    repo = await open()
    await repo.create(story('One', 'x', '2026-01-20T09:00:00Z'))
    expect(await headlines(' - ')).toEqual(['One'])
  })

  it('keeps its index for the next start, and trusts it only for files that have not changed', async () => {
    repo = await open()
    const kept = await repo.create(story('Kept', 'Paddy yields rise.', '2026-01-20T09:00:00Z'))
    const edited = await repo.create(story('Edited', 'Tea exports fall.', '2026-01-21T09:00:00Z'))
    await repo.warmSearch()
    await repo.close()
    expect(JSON.parse(await readFile(join(dir.path, 'search-index.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
    })

    // A file whose stamp both caches agree on is trusted: its words come from the saved index.
    const keptPath = join(dir.path, 'articles', `${kept.id}.json`)
    await writeFile(keptPath, (await readFile(keptPath, 'utf8')).replace('Paddy', 'Wheat'))
    const { mtimeMs, size } = await stat(keptPath)
    const indexPath = join(dir.path, 'index.json')
    const index = JSON.parse(await readFile(indexPath, 'utf8'))
    Object.assign(
      index.entries.find((entry: { id: string }) => entry.id === kept.id),
      {
        mtimeMs,
        size,
      },
    )
    await writeFile(indexPath, JSON.stringify(index))
    const searchPath = join(dir.path, 'search-index.json')
    const saved = JSON.parse(await readFile(searchPath, 'utf8'))
    saved.docs = saved.docs.map((doc: [string, number, number]) =>
      doc[0] === kept.id ? [doc[0], mtimeMs, size] : doc,
    )
    await writeFile(searchPath, JSON.stringify(saved))
    // A changed size: that file is read again.
    const editedPath = join(dir.path, 'articles', `${edited.id}.json`)
    const editedText = await readFile(editedPath, 'utf8')
    await writeFile(editedPath, editedText.replace('Tea exports fall.', 'Coffee exports climb.'))

    repo = await open()
    expect(await headlines('paddy')).toEqual(['Kept'])
    expect(await headlines('coffee')).toEqual(['Edited'])
    expect(await headlines('tea')).toEqual([])
  })

  it('rebuilds a damaged saved index from the files', async () => {
    repo = await open()
    await repo.create(story('Harvest', 'Paddy yields rise in Punjab.', '2026-01-20T09:00:00Z'))
    await repo.close()
    await writeFile(join(dir.path, 'search-index.json'), '{"schemaVersion":1,"docs":[[')
    repo = await open()
    expect(await headlines('punjab')).toEqual(['Harvest'])
    await repo.close()
    repo = undefined
    expect(JSON.parse(await readFile(join(dir.path, 'search-index.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
    })
  })

  it('says in the log why it rebuilt the saved index (bug: the damage was let go silently)', async () => {
    installLogSink(new FileLogSink(join(dir.path, 'logs')))
    repo = await open()
    await repo.create(story('Harvest', 'Paddy yields rise in Punjab.', '2026-01-20T09:00:00Z'))
    await repo.close()
    await writeFile(join(dir.path, 'search-index.json'), '{"schemaVersion":1,"docs":[[')
    repo = await open()
    expect(await headlines('punjab')).toEqual(['Harvest'])
    const text = await readFile(join(dir.path, 'logs', 'copydesk.log'), 'utf8')
    expect(text).toMatch(
      /\[warn\] \[search\] The saved search index was damaged; building it again/,
    )
    expect(text).not.toContain('Punjab')
  })
})

describe('LowdbArticleRepository search built with the search worker', () => {
  let built: { path: string; cleanup: () => Promise<void> }
  let searchWorker = ''
  beforeAll(async () => {
    built = await tempDir('copydesk-search-worker-')
    searchWorker = await buildSearchWorker(built.path)
  }, 60_000)
  afterAll(() => built.cleanup())

  const openWithWorker = () =>
    LowdbArticleRepository.open(dir.path, { purpose: 'test', searchWorker })
  /** Enough stories that the build starts the worker (it does not for a handful of files). */
  const seedDesk = async (count: number) => {
    await mkdir(join(dir.path, 'articles'), { recursive: true })
    await mkdir(join(dir.path, 'trash'), { recursive: true })
    for (let i = 0; i < count; i += 1) {
      const article = story(`Story ${i}`, `Plain copy, story${i}end.`, '2026-01-20T09:00:00Z')
      await writeFile(join(dir.path, 'articles', `${article.id}.json`), JSON.stringify(article))
    }
  }
  it('keeps a save made while the index is being built', async () => {
    await seedDesk(400)
    repo = await open()
    const [target] = await repo.list()
    if (!target) throw new Error('no article')
    await repo.close()
    repo = await openWithWorker()
    const warming = repo.warmSearch()
    await repo.update(target.id, 1, (a) => ({
      ...a,
      body: paragraph('Breaking copy.'),
      revision: 2,
    }))
    await warming
    expect(await headlines('breaking')).toEqual([target.headline])
    // Search finds by prefix: `story2` would also find story21; `story2end` finds only story 2.
    expect(await headlines(`story${target.headline.slice('Story '.length)}end`)).toEqual([])
  })

  it('stops the worker when the store is closed during the build', async () => {
    await seedDesk(400)
    repo = await openWithWorker()
    const warming = repo.warmSearch()
    await repo.close()
    repo = undefined
    await warming
    // Stopped before the end: nothing saved, so the next start builds it again.
    await expect(stat(join(dir.path, 'search-index.json'))).rejects.toThrow()
  })
})
