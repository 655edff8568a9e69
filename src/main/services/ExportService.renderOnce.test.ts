import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { tempDir } from '../../../tests/support/tempDir'

/** Every document the validator was shown, by format, in order. */
const validated = vi.hoisted(() => ({ copydesk: [] as unknown[], ninjs: [] as unknown[] }))
vi.mock('../export/schemaValidators', async (importOriginal) => {
  const real = await importOriginal<typeof import('../export/schemaValidators')>()
  return {
    ...real,
    validateExport: (format: 'copydesk' | 'ninjs', data: unknown) => {
      validated[format].push(structuredClone(data))
      return real.validateExport(format, data)
    },
  }
})

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation
/** A clock that moves on by a millisecond at every reading, as a real one does between two calls. */
let tick = Date.parse('2026-03-02T09:00:00.000Z')
beforeEach(async () => {
  dir = await tempDir()
  ws = await openWorkstation({
    dataDir: join(dir.path, 'data'),
    host: 'cli',
    version: 'test',
    clock: { now: () => new Date((tick += 1)) },
  })
})
afterEach(async () => {
  await ws.close()
  await dir.cleanup()
})

async function call(method: string, input: unknown): Promise<unknown> {
  const result = await ws.dispatch(method, input)
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

async function approvedStory(): Promise<string> {
  await call('setProfile', { name: 'Asha Rao', role: 'writer' })
  const created = await call('createArticle', {
    fields: {
      headline: 'Ferry captain on trial',
      dateline: { place: 'New Delhi', date: '2026-01-23' },
      credit: 'IANS',
      keyPoints: { title: 'Key Points', items: ['a', 'b', 'c'] },
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The story.' }] }],
      },
    },
  })
  const id = typeof created === 'object' && created && 'id' in created ? String(created.id) : ''
  await call('transition', { id, action: 'submit' })
  await call('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
  await call('transition', { id, action: 'approve' })
  return id
}

async function exportedFile(id: string, format: 'copydesk' | 'ninjs'): Promise<unknown> {
  const written = await call('exportArticles', { ids: [id], format, dir: join(dir.path, 'out') })
  const file = Array.isArray(written) ? String(written[0]?.file) : ''
  return JSON.parse(await readFile(file, 'utf8'))
}

// Bug: the export was rendered once to write and again (with another clock reading, and for ninjs
// without the kill note) to validate, so the file on disk was not the document that was checked.
describe('an export writes the very document it validated', () => {
  it('Copydesk JSON: the same exportedAt, with a clock that ticks between readings', async () => {
    const id = await approvedStory()
    validated.copydesk.length = 0
    const file = await exportedFile(id, 'copydesk')
    expect(validated.copydesk).toEqual([file])
  })

  it('ninjs of a killed story: the validated item carries the kill note the file carries', async () => {
    const id = await approvedStory()
    await call('transition', { id, action: 'publish' })
    await call('transition', { id, action: 'kill', note: 'The trial was postponed' })
    validated.ninjs.length = 0
    const file = await exportedFile(id, 'ninjs')
    expect(file).toMatchObject({ edNote: expect.stringMatching(/The trial was postponed/) })
    expect(validated.ninjs).toEqual([file])
  })
})
