import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newArticle } from '../../shared/domain/newArticle'
import { AppError } from '../../shared/ipc/AppError'
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

/** The store once its start check is done (see `checked`): some tests below edit files in place. */
const open = async () => {
  const opened = await LowdbArticleRepository.open(dir.path, { purpose: 'test' })
  await opened.checked()
  return opened
}
const draft = (headline: string, now = '2026-01-23T10:00:00.000Z') =>
  newArticle({ id: randomUUID(), author: 'Asha', now, fields: { headline } })

describe('LowdbArticleRepository', () => {
  it('keeps one file per article and finds it again after reopening', async () => {
    repo = await open()
    const a = await repo.create(draft('India, Japan forge stronger ties'))
    await repo.close()
    expect(await readdir(join(dir.path, 'articles'))).toEqual([`${a.id}.json`])
    repo = await open()
    expect(await repo.get(a.id)).toEqual(a)
    expect((await repo.list()).map((s) => s.headline)).toEqual(['India, Japan forge stronger ties'])
  })

  it('lists newest first', async () => {
    repo = await open()
    await repo.create(draft('old', '2026-01-01T00:00:00.000Z'))
    await repo.create(draft('new', '2026-02-01T00:00:00.000Z'))
    expect((await repo.list()).map((s) => s.headline)).toEqual(['new', 'old'])
  })

  it('refuses a save based on a stale revision and keeps the newer text', async () => {
    repo = await open()
    const a = await repo.create(draft('v1'))
    await repo.update(a.id, 1, (cur) => ({ ...cur, headline: 'v2 from window A', revision: 2 }))
    const stale = repo.update(a.id, 1, (cur) => ({
      ...cur,
      headline: 'v2 from window B',
      revision: 2,
    }))
    await expect(stale).rejects.toMatchObject({ code: 'CONFLICT' })
    const error = await stale.catch((e: unknown) => e)
    expect(error instanceof AppError && error.details).toMatchObject({
      current: { headline: 'v2 from window A' },
    })
    expect((await repo.get(a.id)).headline).toBe('v2 from window A')
  })

  it('serializes concurrent saves on one article: exactly one of two racing saves wins', async () => {
    repo = await open()
    const a = await repo.create(draft('v1'))
    const results = await Promise.allSettled([
      repo.update(a.id, 1, (cur) => ({ ...cur, headline: 'A', revision: 2 })),
      repo.update(a.id, 1, (cur) => ({ ...cur, headline: 'B', revision: 2 })),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
  })

  it('moves a trashed article to trash/ and restores it intact', async () => {
    repo = await open()
    const a = await repo.create(draft('to trash'))
    const entry = await repo.trash(a.id, '2026-01-24T00:00:00.000Z')
    expect(entry.trashedAt).toBe('2026-01-24T00:00:00.000Z')
    expect(await repo.list()).toEqual([])
    expect(await readdir(join(dir.path, 'trash'))).toEqual([`${a.id}.json`])
    await expect(repo.get(a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await repo.close()
    repo = await open()
    expect((await repo.listTrash()).map((t) => t.id)).toEqual([a.id])
    await repo.restore(a.id)
    expect(await repo.get(a.id)).toEqual(a)
  })

  it('quarantines a file that is not JSON, reports it, and still opens every other article', async () => {
    repo = await open()
    const good = await repo.create(draft('good'))
    const bad = await repo.create(draft('bad'))
    await repo.close()
    await writeFile(join(dir.path, 'articles', `${bad.id}.json`), '{"headline": "trunc')
    repo = await open()
    expect((await repo.list()).map((s) => s.id)).toEqual([good.id])
    expect(await repo.get(good.id)).toEqual(good)
    const problems = await repo.problems()
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: join('articles', `${bad.id}.json`) })
    expect(problems[0]?.reason).toMatch(/not valid JSON/)
    const kept = await readFile(join(dir.path, problems[0]?.quarantinedAs ?? ''), 'utf8')
    expect(kept).toBe('{"headline": "trunc')
  })

  it('quarantines valid JSON that is not an article, naming the bad field', async () => {
    repo = await open()
    const a = await repo.create(draft('x'))
    await repo.close()
    const broken = { ...a, revision: 'three' }
    await writeFile(join(dir.path, 'articles', `${a.id}.json`), JSON.stringify(broken))
    repo = await open()
    const [problem] = await repo.problems()
    expect(problem?.reason).toMatch(/not a valid article: revision/)
    await repo.dismissProblem(problem?.id ?? '')
    expect(await repo.problems()).toEqual([])
  })

  it('quarantines a corrupt index and rebuilds the list from the article files', async () => {
    repo = await open()
    const a = await repo.create(draft('survives'))
    await repo.close()
    await writeFile(join(dir.path, 'index.json'), 'garbage')
    repo = await open()
    expect((await repo.list()).map((s) => s.id)).toEqual([a.id])
    expect((await repo.problems())[0]?.file).toBe('index.json')
  })

  it('picks up an article saved just before a crash that never reached the index', async () => {
    repo = await open()
    const a = await repo.create(draft('before'))
    await repo.close()
    const edited = { ...a, headline: 'after', revision: 2 }
    await writeFile(join(dir.path, 'articles', `${a.id}.json`), JSON.stringify(edited))
    repo = await open()
    expect((await repo.list())[0]).toMatchObject({ headline: 'after', revision: 2 })
  })

  // A save reads its article's file but parses it only when it differs from what this store wrote
  // last (ArticleFiles.lastWritten): an edit made in between, even one of the same length, is seen.
  it('sees a file edited by hand right after a save, and never saves over it unseen', async () => {
    repo = await open()
    const a = await repo.create(draft('first'))
    const saved = await repo.update(a.id, 1, (cur) => ({ ...cur, headline: 'Saved', revision: 2 }))
    const path = join(dir.path, 'articles', `${a.id}.json`)
    const text = await readFile(path, 'utf8')
    const byHand = text
      .replace('"headline":"Saved"', '"headline":"Hand!"')
      .replace('"revision":2', '"revision":3')
    expect(byHand.length).toBe(text.length)
    await writeFile(path, byHand)
    expect(await repo.get(a.id)).toMatchObject({ headline: 'Hand!', revision: 3 })
    const stale = repo.update(a.id, saved.revision, (cur) => ({
      ...cur,
      headline: 'Lost?',
      revision: 3,
    }))
    await expect(stale).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await readFile(path, 'utf8')).toBe(byHand)
    // Written back as it was saved, the file is the article that was saved.
    await writeFile(path, text)
    expect(await repo.get(a.id)).toEqual(saved)
  })

  it('reads back each article it writes as the article it wrote, through the file', async () => {
    repo = await open()
    const a = await repo.create({
      ...draft('With pictures'),
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'A ' },
              {
                type: 'text',
                text: 'link',
                marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }],
              },
            ],
          },
          {
            type: 'figure',
            attrs: {
              mediaId: `${'a'.repeat(64)}.jpg`,
              caption: 'A caption',
              credit: 'Agency',
              creator: 'Someone',
              copyright: '© Agency',
              altText: 'What it shows',
            },
          },
        ],
      },
    })
    const saved = await repo.update(a.id, 1, (cur) => ({ ...cur, deck: 'A deck', revision: 2 }))
    await repo.close()
    repo = await open()
    expect(await repo.get(a.id)).toEqual(saved)
  })

  it('removes temp files left by a write that was killed, keeping the previous version', async () => {
    repo = await open()
    const a = await repo.create(draft('intact'))
    await repo.close()
    await writeFile(join(dir.path, 'articles', `.${a.id}.json.999.1.tmp`), '{"half')
    repo = await open()
    expect((await repo.get(a.id)).headline).toBe('intact')
    expect(await readdir(join(dir.path, 'articles'))).toEqual([`${a.id}.json`])
    expect(await repo.problems()).toEqual([])
  })

  it('refuses a file from a newer Copydesk with a clear reason', async () => {
    repo = await open()
    const a = await repo.create(draft('future'))
    await repo.close()
    await writeFile(
      join(dir.path, 'articles', `${a.id}.json`),
      JSON.stringify({ ...a, schemaVersion: 9 }),
    )
    repo = await open()
    expect((await repo.problems())[0]?.reason).toMatch(/newer Copydesk \(schema version 9\)/)
  })

  it('writes durably: no temp files remain and the file is complete JSON', async () => {
    repo = await open()
    const a = await repo.create(draft('durable'))
    for (let i = 1; i <= 20; i += 1) {
      await repo.update(a.id, i, (cur) => ({ ...cur, headline: `rev ${i + 1}`, revision: i + 1 }))
    }
    const names = await readdir(join(dir.path, 'articles'))
    expect(names).toEqual([`${a.id}.json`])
    const stored: unknown = JSON.parse(
      await readFile(join(dir.path, 'articles', names[0] ?? ''), 'utf8'),
    )
    expect(stored).toMatchObject({ headline: 'rev 21', revision: 21 })
  })
})
