import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { tempDir } from '../../../tests/support/tempDir'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation

beforeEach(async () => {
  dir = await tempDir()
  ws = await openWorkstation({
    dataDir: dir.path,
    host: 'web',
    version: 'test',
    user: () => 'Asha Rao',
  })
})
afterEach(async () => {
  await ws.close()
  await dir.cleanup()
})

const articleFiles = () => readdir(join(dir.path, 'articles'))

describe('the IPC dispatcher', () => {
  it('creates, saves and lists through the contract', async () => {
    const created = await ws.dispatch('createArticle', {
      fields: { headline: 'Quad ministers meet' },
    })
    expect(created).toMatchObject({
      ok: true,
      value: { headline: 'Quad ministers meet', author: 'Asha Rao', revision: 1 },
    })
    const id = (await ws.client.listArticles({}))[0]?.id ?? ''
    const saved = await ws.dispatch('saveArticle', {
      id,
      baseRevision: 1,
      changes: { deck: 'In Tokyo' },
    })
    expect(saved).toMatchObject({ ok: true, value: { deck: 'In Tokyo', revision: 2 } })
    expect(await ws.dispatch('listArticles', {})).toMatchObject({
      ok: true,
      value: [{ id, revision: 2 }],
    })
  })

  it.each([
    ['an unknown call', 'dropDatabase', {}],
    ['a missing payload', 'getArticle', undefined],
    ['a non-UUID id (path traversal)', 'getArticle', { id: '../../etc/passwd' }],
    ['extra fields', 'listArticles', { query: 'x', admin: true }],
    [
      'a status change smuggled into save',
      'saveArticle',
      { id: crypto.randomUUID(), baseRevision: 1, changes: { status: 'published' } },
    ],
    ['a body that is not a document', 'createArticle', { fields: { body: { type: 'script' } } }],
    [
      'a node the editor does not know',
      'createArticle',
      { fields: { body: { type: 'doc', content: [{ type: 'iframe' }] } } },
    ],
    [
      'a javascript: link',
      'createArticle',
      {
        fields: {
          body: {
            type: 'doc',
            content: [
              {
                type: 'paragraph',
                content: [
                  {
                    type: 'text',
                    text: 'x',
                    marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
                  },
                ],
              },
            ],
          },
        },
      },
    ],
    [
      'a source with a data: url',
      'createArticle',
      { fields: { sources: [{ name: 'x', url: 'data:text/html,hi' }] } },
    ],
    [
      'a revision that is not a number',
      'saveArticle',
      { id: crypto.randomUUID(), baseRevision: '1', changes: {} },
    ],
  ])('refuses %s with a clear error and writes nothing', async (_name, method, payload) => {
    const result = await ws.dispatch(method, payload)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_INPUT')
    expect(result.error.message.length).toBeGreaterThan(10)
    expect(await articleFiles()).toEqual([])
  })

  it('names the field that is wrong', async () => {
    const result = await ws.dispatch('saveArticle', {
      id: crypto.randomUUID(),
      baseRevision: 0,
      changes: {},
    })
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/baseRevision/) },
    })
  })

  it('answers NOT_FOUND for an article that does not exist', async () => {
    const result = await ws.dispatch('getArticle', { id: crypto.randomUUID() })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('answers CONFLICT for a save based on an old revision', async () => {
    const created = await ws.articles.create({ fields: { headline: 'one' } })
    await ws.articles.save({ id: created.id, baseRevision: 1, changes: { headline: 'two' } })
    const result = await ws.dispatch('saveArticle', {
      id: created.id,
      baseRevision: 1,
      changes: { headline: 'stale' },
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { current: { headline: 'two' } } },
    })
  })

  it('trashes and restores', async () => {
    const created = await ws.articles.create({ fields: { headline: 'spare' } })
    expect(await ws.dispatch('trashArticle', { id: created.id })).toMatchObject({ ok: true })
    expect(await ws.dispatch('listArticles', {})).toMatchObject({ ok: true, value: [] })
    expect(await ws.dispatch('listTrash', {})).toMatchObject({
      ok: true,
      value: [{ id: created.id }],
    })
    expect(await ws.dispatch('restoreArticle', { id: created.id })).toMatchObject({ ok: true })
    expect(await ws.dispatch('getArticle', { id: created.id })).toMatchObject({
      ok: true,
      value: { headline: 'spare' },
    })
  })

  it('tells where the data lives', async () => {
    expect(await ws.dispatch('appInfo', {})).toMatchObject({
      ok: true,
      value: { dataDir: dir.path, host: 'web', user: 'Asha Rao' },
    })
  })
})
