import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../../shared/domain/Article'
import { newArticle } from '../../shared/domain/newArticle'
import { summarize } from '../../shared/domain/summarize'
import { tempDir } from '../../../tests/support/tempDir'
import type { IndexEntry, Location } from './ArticleIndex'
import { ArticleSearch } from './ArticleSearch'

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  dir = await tempDir()
  await mkdir(join(dir.path, 'articles'))
})
afterEach(() => dir.cleanup())

const story = (headline: string, body: string): Article =>
  newArticle({
    id: randomUUID(),
    author: 'Asha',
    now: '2026-01-20T09:00:00Z',
    fields: {
      headline,
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: body }] }],
      },
    },
  })

/** Search over article files on disk, listed by an index as the store's would list them. */
function searchOver(files: { article: Article; text?: string }[]) {
  const entries = new Map<string, IndexEntry>(
    files.map(({ article }) => [
      article.id,
      { ...summarize(article), location: 'articles', mtimeMs: 0, size: 0 },
    ]),
  )
  const pathOf = (location: Location, id: string) => join(dir.path, location, `${id}.json`)
  const search = new ArticleSearch({
    dataDir: dir.path,
    index: { get: (id) => entries.get(id), all: () => [...entries.values()] },
    inQueue: (_id, task) => task(),
    pathOf,
  })
  const summaries = [...entries.values()]
  return {
    search,
    write: () =>
      Promise.all(
        files.map(({ article, text }) =>
          writeFile(pathOf('articles', article.id), text ?? JSON.stringify(article)),
        ),
      ),
    headlines: async (query: string) =>
      (await search.match(query, summaries))?.map((summary) => summary.headline),
  }
}

describe('ArticleSearch first build from the files', () => {
  it('skips a file it cannot read, or that is not an article where search reads, and finds the rest', async () => {
    const good = story('Monsoon arrives', 'Kerala gets rain.')
    const notJson = story('Cut short', 'Kerala floods.')
    const badShape = story('Wrong shape', 'Kerala dams.')
    const otherId = story('Copied file', 'Kerala ports.')
    const { search, write, headlines } = searchOver([
      { article: good },
      { article: notJson, text: '{"schemaVersion":1,"id":' },
      { article: badShape, text: JSON.stringify({ ...badShape, headline: 42 }) },
      { article: otherId, text: JSON.stringify({ ...otherId, id: randomUUID() }) },
    ])
    await write()
    await search.warm()
    expect(await headlines('kerala')).toEqual(['Monsoon arrives'])
  })

  it('keeps the text a save gave it during the build, not the older text of the file', async () => {
    // The file on disk still holds the older copy when the build comes to it; the save's text wins.
    const article = story('Budget', 'Fiscal deficit narrows.')
    const { search, write, headlines } = searchOver([{ article }])
    await write()
    const building = search.warm()
    search.written({ ...article, body: story('', 'Revenue surplus.').body, revision: 2 })
    await building
    expect(await headlines('surplus')).toEqual(['Budget'])
    expect(await headlines('deficit')).toEqual([])
  })

  it('finds words beyond ASCII, folded as a query folds them', async () => {
    const { search, write, headlines } = searchOver([
      { article: story('Summit in Évora', 'Delegates from São Paulo and Köln; 日本 trade.') },
      { article: story('Plain copy', 'Nothing else.') },
    ])
    await write()
    await search.warm()
    expect(await headlines('evora')).toEqual(['Summit in Évora'])
    expect(await headlines('SÃO köln')).toEqual(['Summit in Évora'])
    expect(await headlines('日本')).toEqual(['Summit in Évora'])
    expect(await headlines('delegates plain')).toEqual([])
  })
})
