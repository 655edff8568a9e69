import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../cli/runCli'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { readOnlyMount, type ReadOnlyMount } from '../../../tests/support/readOnlyMount'

let mount: ReadOnlyMount | { missing: string }
let ws: Workstation | undefined

beforeEach(async () => {
  mount = await readOnlyMount()
})
afterEach(async () => {
  await ws?.close()
  ws = undefined
  if ('path' in mount) await mount.release()
})

const open = (dataDir: string) =>
  openWorkstation({ dataDir, host: 'web', version: 'test', user: () => 'Asha' })

/** A desk with one article, saved and closed, then its disk made read-only. */
async function readOnlyDesk(m: ReadOnlyMount): Promise<{ data: string; id: string }> {
  const data = join(m.path, 'data')
  const writer = await open(data)
  await writer.client.setProfile({ name: 'Asha', role: 'writer' })
  const created = await writer.client.createArticle({ fields: { headline: 'Archived story' } })
  await writer.close()
  m.makeReadOnly()
  return { data, id: created.id }
}

describe('a read-only data folder', () => {
  // Issue 11, 3.6: the app failed to open at all, on the lock.
  it('opens read-only: every story reads, every write is refused with the reason', async (context) => {
    if (!('path' in mount)) return context.skip(mount.missing)
    const { data, id } = await readOnlyDesk(mount)
    ws = await open(data)
    expect(ws.access).toMatchObject({
      readOnly: true,
      reason: expect.stringMatching(/read-only disk or mount \(EROFS\)/),
    })
    expect(await ws.client.appInfo({})).toMatchObject({
      readOnly: { reason: expect.stringContaining('EROFS') },
    })
    expect(await ws.client.listArticles({})).toEqual([
      expect.objectContaining({ id, headline: 'Archived story' }),
    ])
    expect(await ws.client.getArticle({ id })).toMatchObject({
      headline: 'Archived story',
    })
    expect(await ws.client.listRevisions({ id })).toHaveLength(1)
    expect(await ws.client.getAudit({ id })).toHaveLength(1)

    const refusal = {
      ok: false,
      error: {
        code: 'REFUSED',
        message: expect.stringMatching(
          /^This data folder is read-only: you can read stories, nothing can be saved\. The folder .* is on a read-only disk or mount \(EROFS\)\.$/,
        ),
      },
    }
    expect(
      await ws.dispatch('saveArticle', { id, baseRevision: 1, changes: { headline: 'x' } }),
    ).toMatchObject(refusal)
    expect(await ws.dispatch('createArticle', {})).toMatchObject(refusal)
    expect(await ws.dispatch('transition', { id, action: 'submit' })).toMatchObject(refusal)
    expect(await ws.dispatch('setProfile', { name: 'B', role: 'writer' })).toMatchObject(refusal)
    // The service itself refuses too, whoever calls it.
    await expect(
      ws.articles.save({ id, baseRevision: 1, changes: { headline: 'x' } }),
    ).rejects.toThrow(/read-only/)
    expect(await readdir(data)).not.toContain('copydesk.lock')
  })

  it('reports a damaged file without moving it, and has a reader profile when none was saved', async (context) => {
    if (!('path' in mount)) return context.skip(mount.missing)
    const data = join(mount.path, 'data')
    const writer = await open(data)
    const created = await writer.client.createArticle({})
    await writer.close()
    await writeFile(join(data, 'articles', `${created.id}.json`), '{"trunc')
    await writeFile(join(data, 'index.json'), 'garbage')
    mount.makeReadOnly()
    ws = await open(data)
    expect(await ws.client.listArticles({})).toEqual([])
    expect(await ws.client.listProblems({})).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: join('articles', `${created.id}.json`),
          kind: 'left-in-place',
          reason: expect.stringMatching(/not valid JSON.*read-only, so it was left where it is/),
        }),
      ]),
    )
    expect(await readFile(join(data, 'articles', `${created.id}.json`), 'utf8')).toBe('{"trunc')
    expect(await ws.client.getProfile({})).toEqual({ name: 'Asha', role: 'writer' })
  })

  it("serves the command line's read commands, and refuses its writes", async (context) => {
    if (!('path' in mount)) return context.skip(mount.missing)
    const { data } = await readOnlyDesk(mount)
    const cli = async (...args: string[]) => {
      const out: string[] = []
      const err: string[] = []
      const code = await runCli([...args, '--data-dir', data], {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        env: {},
      })
      return { code, out: out.join('\n'), err: err.join('\n') }
    }
    const list = await cli('list')
    expect(list).toMatchObject({ code: 0, out: expect.stringContaining('Archived story') })
    const create = await cli('create', '--headline', 'New')
    expect(create.code).toBe(1)
    expect(create.err).toMatch(
      /^copydesk: This data folder is read-only: you can read stories, nothing can be saved/,
    )
  })

  // Red team M1: each of these wrote at open (a desk id, a secret bound to its site), so the folder
  // "cannot be opened: it is on a read-only disk".
  it.for([
    ['without outbox.json', async (data: string) => rm(join(data, 'outbox.json'), { force: true })],
    [
      'with a damaged outbox.json',
      async (data: string) => writeFile(join(data, 'outbox.json'), '{"items": ['),
    ],
    [
      'with a secret an older Copydesk kept unbound',
      async (data: string) => {
        await writeFile(
          join(data, 'settings.json'),
          JSON.stringify({ webhookUrl: 'https://hooks.example/in' }),
        )
        await writeFile(
          join(data, 'secrets.json'),
          JSON.stringify({ protection: 'file-permissions', values: { webhookToken: 't0k3n' } }),
        )
      },
    ],
  ] as const)('opens read-only %s', async ([, prepare], context) => {
    if (!('path' in mount)) return context.skip(mount.missing)
    const data = join(mount.path, 'data')
    const writer = await open(data)
    await writer.client.createArticle({ fields: { headline: 'Archived story' } })
    await writer.close()
    await rm(join(data, 'desk.json'), { force: true })
    await prepare(data)
    const before = await readdir(data)
    mount.makeReadOnly()
    ws = await open(data)
    expect(ws.access.readOnly).toBe(true)
    expect(await ws.client.listArticles({})).toHaveLength(1)
    expect(await readdir(data)).toEqual(before)
  })

  // Red team L1: stopping the host on a folder that went read-only while it ran died with an
  // uncaught stack trace (EROFS unlink copydesk.lock, from the store's close).
  it('closes a folder that went read-only while open with one line saying what could not be written', async (context) => {
    if (!('path' in mount)) return context.skip(mount.missing)
    const data = join(mount.path, 'data')
    const writer = await open(data)
    await writer.client.createArticle({ fields: { headline: 'Late story' } })
    mount.makeReadOnly()
    const closing = writer.close()
    await expect(closing).rejects.toThrow(
      /^Copydesk closed, but not everything could be written: .*the lock could not be removed \(EROFS\); the next start takes it over\. Every acknowledged article is on disk/,
    )
    await expect(closing).rejects.toMatchObject({ code: 'INTERNAL' })
    mount.makeWritable()
    ws = await open(data)
    expect(await ws.client.listArticles({})).toEqual([
      expect.objectContaining({ headline: 'Late story' }),
    ])
  })
})
