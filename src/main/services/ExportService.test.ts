import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EditableFields } from '../../shared/domain/Article'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import { fieldOf } from './ExportService'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation
beforeEach(async () => {
  dir = await tempDir()
  ws = await openWorkstation({ dataDir: join(dir.path, 'data'), host: 'cli', version: 'test' })
})
afterEach(async () => {
  await ws.close()
  await dir.cleanup()
})

const ready = (headline: string): Partial<EditableFields> => ({
  headline,
  dateline: { place: 'New Delhi', date: '2026-01-23' },
  credit: 'IANS',
  keyPoints: { title: 'Key Points', items: ['a', 'b', 'c'] },
  body: {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: `${headline}: the story.` }] }],
  },
})
async function approvedStory(headline: string): Promise<string> {
  await ws.client.setProfile({ name: 'Asha Rao', role: 'writer' })
  const { id } = await ws.client.createArticle({ fields: ready(headline) })
  await ws.client.transition({ id, action: 'submit' })
  await ws.client.setProfile({ name: 'Vikram Desk', role: 'desk-chief' })
  await ws.client.transition({ id, action: 'approve' })
  return id
}

describe('export to a folder', () => {
  it('writes validated files named from the slug, both formats, and records the export', async () => {
    const id = await approvedStory('Quad ministers meet')
    const out = join(dir.path, 'out')
    const copydesk = await ws.client.exportArticles({
      ids: [id],
      format: 'copydesk',
      dir: out,
    })
    const ninjs = await ws.client.exportArticles({ ids: [id], format: 'ninjs', dir: out })
    expect(copydesk).toEqual([
      expect.objectContaining({ file: join(out, 'quad-ministers-meet.json'), final: true }),
    ])
    expect(ninjs[0]?.file).toBe(join(out, 'quad-ministers-meet.ninjs.json'))
    expect(JSON.parse(await readFile(join(out, 'quad-ministers-meet.json'), 'utf8'))).toMatchObject(
      { id, final: true, approval: { by: 'Vikram Desk' } },
    )
    const audit = await ws.client.getAudit({ id })
    expect(audit.filter((a) => a.action === 'export')).toHaveLength(2)
  })

  it('never overwrites a different article that has the same file name; updates its own', async () => {
    const id = await approvedStory('Same headline')
    const out = join(dir.path, 'out')
    await ws.client.exportArticles({ ids: [id], format: 'copydesk', dir: out })
    const other = JSON.stringify({
      id: '00000000-0000-4000-8000-000000000000',
      headline: 'someone else',
    })
    await writeFile(join(out, 'same-headline.json'), other)
    const again = await ws.client.exportArticles({ ids: [id], format: 'copydesk', dir: out })
    expect(again[0]?.file).toBe(join(out, 'same-headline-2.json'))
    expect(await readFile(join(out, 'same-headline.json'), 'utf8')).toBe(other)
    await ws.client.exportArticles({ ids: [id], format: 'copydesk', dir: out })
    expect((await readdir(out)).sort()).toEqual(['same-headline-2.json', 'same-headline.json'])
  })

  it('exports every approved story in a batch, and drafts only as marked previews', async () => {
    await approvedStory('First approved')
    await approvedStory('Second approved')
    const { id: draftId } = await ws.client.createArticle({ fields: ready('Still a draft') })
    const out = join(dir.path, 'batch')
    const files = await ws.client.exportArticles({
      status: 'approved',
      format: 'copydesk',
      dir: out,
    })
    expect(files.map((f) => f.file.split('/').pop()).sort()).toEqual([
      'first-approved.json',
      'second-approved.json',
    ])
    const preview = await ws.client.exportArticles({
      ids: [draftId],
      format: 'copydesk',
      dir: out,
    })
    expect(preview[0]).toMatchObject({
      file: join(out, 'still-a-draft.preview.json'),
      final: false,
    })
    expect(JSON.parse(await readFile(preview[0]?.file ?? '', 'utf8'))).toMatchObject({
      final: false,
      notice: expect.stringMatching(/PREVIEW/),
    })
  })

  it('refuses an article that fails the schema, listing the fields, and writes nothing', async () => {
    const { id } = await ws.client.createArticle({ fields: { headline: '' } })
    const out = join(dir.path, 'refused')
    const problems = await ws.client.validateExport({ id, format: 'copydesk' })
    expect(problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['headline', 'dateline', 'body']),
    )
    await expect(
      ws.client.exportArticles({ ids: [id], format: 'ninjs', dir: out }),
    ).rejects.toMatchObject({ code: 'REFUSED' })
    await expect(
      ws.client.exportArticles({ ids: [id], format: 'copydesk', dir: out }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/cannot be exported: headline/),
      details: {
        problems: expect.arrayContaining([expect.objectContaining({ field: 'dateline' })]),
      },
    })
    expect(await readdir(out)).toEqual([])
  })
})

describe('a killed story in ninjs', () => {
  it('is canceled, with the reason the desk chief gave in edNote (item 13)', async () => {
    const id = await approvedStory('Ferry captain on trial')
    await ws.client.transition({ id, action: 'publish' })
    await ws.client.transition({
      id,
      action: 'kill',
      note: 'The trial was postponed; the story is wrong',
    })
    const [written] = await ws.client.exportArticles({
      ids: [id],
      format: 'ninjs',
      dir: join(dir.path, 'out'),
    })
    const item: unknown = JSON.parse(await readFile(written?.file ?? '', 'utf8'))
    expect(item).toMatchObject({
      pubStatus: 'canceled',
      edNote: expect.stringMatching(/^KILLED: The trial was postponed; the story is wrong\./),
    })
  })
})

describe('a story published before, exported again', () => {
  it('needs the desk chief’s correction note, which the file carries for readers (bug: it went out final with no note asked)', async () => {
    const id = await approvedStory('Quad ministers meet')
    const other = await approvedStory('Budget passed')
    await ws.client.transition({ id, action: 'publish' })
    await ws.client.transition({ id, action: 'reopen', note: 'Wrong city' })
    await ws.client.transition({ id, action: 'approve' })
    const out = join(dir.path, 'out')
    await expect(
      ws.client.exportArticles({ ids: [id], format: 'copydesk', dir: out }),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message:
        /“Quad ministers meet” was published before: exporting it again as final copy needs a correction note for readers/,
      details: { needsCorrection: true, ids: [id] },
    })
    await expect(
      ws.client.exportArticles({ status: 'approved', format: 'copydesk', dir: out }),
    ).rejects.toMatchObject({ message: /Nothing was exported\./ })
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' })

    const note = 'An earlier version gave the wrong city.'
    await expect(
      ws.client.exportArticles({
        ids: [id, other],
        format: 'copydesk',
        dir: out,
        correction: note,
      }),
    ).rejects.toMatchObject({ message: /one story at a time/ })
    const [file] = await ws.client.exportArticles({
      ids: [id],
      format: 'copydesk',
      dir: out,
      correction: note,
    })
    expect(file?.final).toBe(true)
    expect(JSON.parse(await readFile(file?.file ?? '', 'utf8'))).toMatchObject({
      corrections: [{ by: 'Vikram Desk', note }],
    })
    expect(await ws.client.getArticle({ id })).toMatchObject({
      status: 'approved',
      pendingCorrection: { note },
    })
    // The batch goes now: the story carries its note.
    expect(
      await ws.client.exportArticles({ status: 'approved', format: 'ninjs', dir: out }),
    ).toHaveLength(2)
  })
})

describe('after the import review', () => {
  it('bug (finding 15): the Copydesk JSON said language "" for a story in the desk\'s language', async () => {
    const id = await approvedStory('Quad ministers meet')
    const out = join(dir.path, 'out')
    const [file] = await ws.client.exportArticles({ ids: [id], format: 'copydesk', dir: out })
    const written: unknown = JSON.parse(await readFile(file?.file ?? '', 'utf8'))
    expect(written).toMatchObject({ language: 'en' })
  })
  it.each([
    ['/people/0/uri', 'entities'],
    ['/organisations/1/name', 'entities'],
    ['/places/0/uri', 'entities'],
    ['/subjects/2/uri', 'entities'],
    ['/located', 'dateline'],
    ['/copyrightHolder', 'copyrightHolder'],
    ['/copyrightNotice', 'copyrightNotice'],
  ])(
    'bug (finding 13): a schema error at %s pointed at the wrong field (now %s)',
    (path, field) => {
      expect(fieldOf(path)).toBe(field)
    },
  )
})
