import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { lstat, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { watch } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Article, ARTICLE_SCHEMA_VERSION } from '../../shared/domain/Article'
import { newArticle } from '../../shared/domain/newArticle'
import { tempDir } from '../../../tests/support/tempDir'
import { LowdbArticleRepository, type RepositoryOptions } from './LowdbArticleRepository'
import { migrateArticle } from './migrateArticle'
import { fixedClock } from '../../../tests/support/fixedClock'

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

/**
 * The faults below are made in place, which moves no folder's time: after a clean close they are
 * found by the check the store runs in the background, which each test waits for.
 */
const open = async (options: Partial<RepositoryOptions> = {}) => {
  const opened = await LowdbArticleRepository.open(dir.path, { purpose: 'test', ...options })
  await opened.checked()
  return opened
}
const draft = (headline: string) =>
  newArticle({
    id: randomUUID(),
    author: 'Asha',
    now: '2026-01-23T10:00:00.000Z',
    fields: { headline },
  })
const articlePath = (id: string, location = 'articles') => join(dir.path, location, `${id}.json`)
const quarantined = async () =>
  (await readdir(join(dir.path, 'quarantine'))).filter((n) => n !== 'problems.json')

/** A body nested `depth` levels deep, as JSON text: JSON.stringify itself overflows on one that deep. */
function nestedJson(depth: number): string {
  const open = '{"type":"blockquote","content":['.repeat(depth)
  const inner = '{"type":"paragraph","content":[{"type":"text","text":"deep"}]}'
  return `{"type":"doc","content":[${open}${inner}${']}'.repeat(depth)}]}`
}

/** Three articles saved and the store closed: the desk the faults below are made in. */
async function desk(): Promise<Article[]> {
  repo = await open()
  const articles = [
    await repo.create(draft('one')),
    await repo.create(draft('two')),
    await repo.create(draft('three')),
  ]
  await repo.close()
  repo = undefined
  return articles
}

describe('a file this Copydesk cannot open is never mistaken for a damaged one', () => {
  // Issue 11, 3.1: a deep body written by an older Copydesk overflowed the stack on read and the
  // file was quarantined as "corrupt".
  it('leaves an article over the body limits where it is, reported as such, not as corrupt', async () => {
    const [deep, ...others] = await desk()
    if (!deep) throw new Error('no article')
    const text = JSON.stringify({ ...deep, body: 'BODY' }).replace('"BODY"', nestedJson(20_000))
    await writeFile(articlePath(deep.id), text)
    repo = await open()
    expect((await repo.list()).map((s) => s.id).sort()).toEqual(others.map((a) => a.id).sort())
    const [problem] = await repo.problems()
    expect(problem).toMatchObject({
      kind: 'left-in-place',
      file: join('articles', `${deep.id}.json`),
      reason: expect.stringMatching(/nested more than 1,000 levels deep/),
    })
    expect(problem?.reason).not.toMatch(/RangeError|call stack|not valid/)
    expect(await readFile(articlePath(deep.id), 'utf8')).toBe(text)
    expect(await quarantined()).toEqual([])
  })

  // Issue 11, 3.1: any error of our own while reading was reported as file corruption.
  it('never quarantines a sound file because our reader threw, and opens it once the reader works', async () => {
    const [victim, ...others] = await desk()
    if (!victim) throw new Error('no article')
    const before = await readFile(articlePath(victim.id), 'utf8')
    const buggyReader = (data: unknown) => {
      if (data && typeof data === 'object' && 'id' in data && data.id === victim.id)
        throw new RangeError('Maximum call stack size exceeded')
      return migrateArticle(data)
    }
    await rm(join(dir.path, 'index.json'))
    repo = await open({ readArticle: buggyReader })
    expect((await repo.list()).map((s) => s.id).sort()).toEqual(others.map((a) => a.id).sort())
    expect(await repo.problems()).toEqual([
      expect.objectContaining({
        kind: 'left-in-place',
        reason: expect.stringMatching(
          /Copydesk failed while reading this article \(RangeError: Maximum call stack/,
        ),
      }),
    ])
    expect(await readFile(articlePath(victim.id), 'utf8')).toBe(before)
    expect(await quarantined()).toEqual([])
    await repo.close()

    repo = await open()
    expect(await repo.get(victim.id)).toEqual(victim)
    expect(await repo.problems()).toEqual([])
  })
})

describe('an article written by a newer Copydesk', () => {
  // Issue 11, 3.4: it was quarantined as corrupt.
  it('stays where it is, is reported as a newer version, and comes back after an upgrade', async () => {
    const [future, ...others] = await desk()
    if (!future) throw new Error('no article')
    const newer = ARTICLE_SCHEMA_VERSION + 1
    const text = JSON.stringify({ ...future, schemaVersion: newer, audio: { voice: 'Asha' } })
    await writeFile(articlePath(future.id), text)

    repo = await open()
    expect((await repo.list()).map((s) => s.id).sort()).toEqual(others.map((a) => a.id).sort())
    const [problem] = await repo.problems()
    expect(problem).toMatchObject({
      kind: 'newer-version',
      file: join('articles', `${future.id}.json`),
      reason: expect.stringMatching(
        new RegExp(`written by a newer Copydesk \\(schema version ${newer}\\)`),
      ),
    })
    await expect(repo.update(future.id, 1, (a) => a)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await readFile(articlePath(future.id), 'utf8')).toBe(text)
    expect(await quarantined()).toEqual([])
    // Dismissed, it stays dismissed at the next start while the file is unchanged.
    await repo.dismissProblem(problem?.id ?? '')
    await repo.close()
    repo = await open()
    expect(await repo.problems()).toEqual([])
    await repo.close()

    // The newer Copydesk's reader, as an upgrade brings it: the article is back, the problem gone.
    const upgraded = (data: unknown) =>
      Article.parse({ ...(data as object), schemaVersion: ARTICLE_SCHEMA_VERSION })
    repo = await open({ readArticle: upgraded })
    expect((await repo.get(future.id)).headline).toBe(future.headline)
    expect((await repo.list()).map((s) => s.id)).toContain(future.id)
    expect(await repo.problems()).toEqual([])
  })
})

describe('odd entries in articles/', () => {
  // Red team M5: the problem list was rewritten and fsync-ed once per file set aside, so the start
  // took quadratic time: 1,000 stray files 12 s, 4,000 files 79 s.
  it('sets a thousand stray files aside writing the problem list once, not once per file', async () => {
    await desk()
    for (let i = 0; i < 1000; i += 1)
      await writeFile(join(dir.path, 'articles', `stray-${i}.json`), 'junk')
    const writes: string[] = []
    await mkdir(join(dir.path, 'quarantine'), { recursive: true })
    const watcher = watch(join(dir.path, 'quarantine'), (event, name) => {
      if (event === 'rename' && name === 'problems.json') writes.push(name)
    })
    try {
      repo = await open()
      // Events arrive in order: once this one is seen, every earlier one has been.
      const seen = new Promise<void>((resolve) =>
        watcher.on('change', (_event, name) => name === 'sentinel' && resolve()),
      )
      await writeFile(join(dir.path, 'quarantine', 'sentinel'), '')
      await seen
    } finally {
      watcher.close()
    }
    expect(await repo.problems()).toHaveLength(1000)
    expect(writes.length).toBeLessThanOrEqual(2)
  }, 60_000)

  type Odd = { name: string; file: string; reason: RegExp }
  const odd: [string, (articles: Article[]) => Promise<Odd>][] = [
    [
      'a dangling symbolic link',
      async () => {
        const id = randomUUID()
        await symlink(join(dir.path, 'nowhere.json'), articlePath(id))
        return {
          name: `${id}.json`,
          file: join('articles', `${id}.json`),
          reason: /a symbolic link named like an article/,
        }
      },
    ],
    [
      'a folder',
      async () => {
        const id = randomUUID()
        await mkdir(articlePath(id))
        await writeFile(join(articlePath(id), 'notes.txt'), 'kept')
        return {
          name: `${id}.json`,
          file: join('articles', `${id}.json`),
          reason: /a folder named like an article/,
        }
      },
    ],
    [
      'a FIFO',
      async () => {
        const id = randomUUID()
        expect(spawnSync('mkfifo', [articlePath(id)]).status).toBe(0)
        return {
          name: `${id}.json`,
          file: join('articles', `${id}.json`),
          reason: /a named pipe \(FIFO\).*not opened/,
        }
      },
    ],
    [
      'a 250-character file name',
      async () => {
        const name = `${'x'.repeat(245)}.json`
        await writeFile(join(dir.path, 'articles', name), '{}')
        return { name, file: join('articles', name), reason: /not an article file name/ }
      },
    ],
    [
      'a file whose name is not the id inside it',
      async ([, copied]) => {
        const id = randomUUID()
        await writeFile(articlePath(id), await readFile(articlePath(copied?.id ?? ''), 'utf8'))
        return {
          name: `${id}.json`,
          file: join('articles', `${id}.json`),
          reason: new RegExp(`holds article ${copied?.id}, not the ${id} its name says`),
        }
      },
    ],
    [
      'a second copy of an article in the trash',
      async ([, , twice]) => {
        const id = twice?.id ?? ''
        await writeFile(articlePath(id, 'trash'), await readFile(articlePath(id), 'utf8'))
        return {
          name: `${id}.json`,
          file: join('trash', `${id}.json`),
          reason: /a second copy of article/,
        }
      },
    ],
  ]

  // Issue 11, 3.3: each of these made the store fail to open, hang, or lose an article.
  it.each(odd)('sets aside %s, never opening it, and every article opens', async (_what, make) => {
    const articles = await desk()
    const entry = await make(articles)
    repo = await open()
    expect((await repo.list()).map((s) => s.id).sort()).toEqual(articles.map((a) => a.id).sort())
    for (const article of articles) expect(await repo.get(article.id)).toEqual(article)
    const problems = await repo.problems()
    expect(problems).toEqual([
      expect.objectContaining({
        file: entry.file,
        kind: 'set-aside',
        reason: expect.stringMatching(entry.reason),
      }),
    ])
    // Nothing deleted: it is in quarantine, a folder with what it held.
    expect(await quarantined()).toEqual([problems[0]?.id])
    const kept = join(dir.path, problems[0]?.quarantinedAs ?? '')
    if (entry.name.length < 100 && (await lstat(kept)).isDirectory())
      expect(await readFile(join(kept, 'notes.txt'), 'utf8')).toBe('kept')
  })

  it('never opens a FIFO or follows a link in place of the index', async () => {
    const articles = await desk()
    await rm(join(dir.path, 'index.json'))
    expect(spawnSync('mkfifo', [join(dir.path, 'index.json')]).status).toBe(0)
    repo = await open()
    expect(await repo.list()).toHaveLength(articles.length)
    expect((await repo.problems())[0]?.reason).toMatch(
      /a named pipe \(FIFO\), not an article index; it was not opened/,
    )
    await repo.close()
    expect((await stat(join(dir.path, 'index.json'))).isFile()).toBe(true)
    repo = undefined
  })

  it('never opens a FIFO in place of the search index: search still answers', async () => {
    const [first] = await desk()
    await rm(join(dir.path, 'search-index.json'), { force: true })
    expect(spawnSync('mkfifo', [join(dir.path, 'search-index.json')]).status).toBe(0)
    repo = await open()
    expect((await repo.search('one')).map((s) => s.id)).toEqual([first?.id])
  })

  it('sets aside two files of the same name without one replacing the other', async () => {
    const [a] = await desk()
    if (!a) throw new Error('no article')
    await writeFile(join(dir.path, 'articles', 'notes.txt'), 'in articles')
    await writeFile(join(dir.path, 'trash', 'notes.txt'), 'in trash')
    repo = await open({ clock: fixedClock('2026-01-23T10:00:00.000Z') })
    const kept = await Promise.all(
      (await repo.problems()).map((p) => readFile(join(dir.path, p.quarantinedAs), 'utf8')),
    )
    expect(kept.sort()).toEqual(['in articles', 'in trash'])
  })
})
