import { randomUUID } from 'node:crypto'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newArticle } from '../../shared/domain/newArticle'
import { searchableText, searchTerms } from '../../shared/domain/searchTerms'
import { tempDir } from '../../../tests/support/tempDir'
import { readSearchableParts, UnsearchableFileError } from './readSearchableParts'

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

const article = newArticle({
  id: randomUUID(),
  author: 'Asha',
  now: '2026-01-20T09:00:00Z',
  fields: {
    headline: 'Quad talks',
    deck: 'In New Delhi',
    body: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'semi' },
            { type: 'text', text: 'conductor' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Évora' }] }],
            },
          ],
        },
      ],
    },
    tags: ['trade'],
  },
})

async function fileWith(text: string): Promise<string> {
  const path = join(dir.path, `${article.id}.json`)
  await writeFile(path, text)
  return path
}

describe('readSearchableParts', () => {
  it('gives the words searchableText gives, part by part', async () => {
    const path = await fileWith(JSON.stringify(article))
    const parts = readSearchableParts(path, article.id)
    expect(parts.flatMap(searchTerms)).toEqual(searchTerms(searchableText(article)))
    expect(parts).toContain('semiconductor')
  })

  it.each([
    ['not JSON', '{"id":'],
    ['another article', JSON.stringify({ ...article, id: randomUUID() })],
    ['a newer Copydesk', JSON.stringify({ ...article, schemaVersion: 99 })],
    ['a headline that is not text', JSON.stringify({ ...article, headline: ['x'] })],
    ['a body that is not a document', JSON.stringify({ ...article, body: { type: 'para' } })],
  ])('refuses a file of %s', async (_what, text) => {
    const path = await fileWith(text)
    expect(() => readSearchableParts(path, article.id)).toThrow(UnsearchableFileError)
  })

  it('refuses a missing file, a folder and a symbolic link, without following it', async () => {
    const path = join(dir.path, `${article.id}.json`)
    expect(() => readSearchableParts(path, article.id)).toThrow(UnsearchableFileError)
    await mkdir(path)
    expect(() => readSearchableParts(path, article.id)).toThrow(/a folder/)
    const target = join(dir.path, 'elsewhere.json')
    await writeFile(target, JSON.stringify(article))
    const link = join(dir.path, 'link.json')
    await symlink(target, link)
    expect(() => readSearchableParts(link, article.id)).toThrow(UnsearchableFileError)
  })
})
