import { createHash } from 'node:crypto'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CmsDesk } from '../../../tests/support/cmsDesk'
import { exportProblems } from '../../../tests/support/exportProblems'
import { tempDir } from '../../../tests/support/tempDir'

const fixtures = join(import.meta.dirname, '../../../tests/fixtures/media')
let desk: CmsDesk
let folder: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  desk = await CmsDesk.start()
  folder = await tempDir()
})
afterEach(async () => {
  await desk.close()
  await folder.cleanup()
})

const picture = async (file: string) => (await readFile(join(fixtures, file))).toString('base64')
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

type Rendition = {
  name: string
  contentType: string
  bytes: number
  sha256: string
  width: number
  height: number
  data?: string
  href?: string
  path?: string
}
type Picture = { id: string; altText: string; renditions: Rendition[] }
type Hook = {
  formatVersion: string
  leadImage: Picture
  body: { html: string; blocks: ({ type: string } & Partial<Picture>)[] }
}

/** An approved story with a lead picture and one figure after its paragraph. */
async function storyWithPictures(): Promise<string> {
  await desk.call('setProfile', { name: 'Asha Rao', role: 'writer' })
  const { id } = await desk.call('createArticle', {
    fields: {
      headline: 'Fire in the harbour',
      dateline: { place: 'Gothenburg', date: '2026-01-23' },
      credit: 'TT',
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A warehouse burned.' }] }],
      },
    },
  })
  for (const [name, as] of [
    ['tagged.jpg', 'lead'],
    ['small.png', 'figure'],
  ] as const)
    await desk.call('addPicture', {
      id,
      name,
      data: await picture(name),
      as,
      caption: `The ${as}.`,
      credit: 'Karin Fotograf/TT',
      altText: `What the ${as} shows.`,
    })
  await desk.call('transition', { id, action: 'submit' })
  await desk.call('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
  await desk.call('transition', { id, action: 'approve' })
  return id
}

/** The one document the fake webhook received, checked against the shipped schema. */
function received(): Hook {
  const [hook] = [...desk.cms.hooks.values()]
  expect(exportProblems('hook.json', hook)).toEqual([])
  const parsed: unknown = hook
  // Checked against the schema just above; the test reads the fields it asserts on.
  return parsed as Hook
}

function pictures(hook: Hook): Picture[] {
  const figures = hook.body.blocks.flatMap((b) =>
    b.type === 'figure' && b.id && b.renditions && b.altText !== undefined
      ? [{ id: b.id, renditions: b.renditions, altText: b.altText }]
      : [],
  )
  return [hook.leadImage, ...figures]
}

describe('the webhook carries the pictures’ renditions', () => {
  it('base64 (the default): each rendition’s bytes decode to the stored file and hash to its sha256; never the original', async () => {
    const id = await storyWithPictures()
    const { item } = await desk.push(id, 'webhook')
    expect(item).toMatchObject({ state: 'sent', lastError: null })
    const hook = received()
    expect(hook.formatVersion).toBe('2.1')
    const all = pictures(hook)
    expect(all).toHaveLength(2)
    const stored = await readdir(join(desk.dataDir, 'media'))
    for (const pic of all) {
      expect(pic.renditions.map((r) => r.name).sort()).toEqual(['thumbnail', 'web'])
      for (const rendition of pic.renditions) {
        const data = Buffer.from(rendition.data ?? '', 'base64')
        expect(data.length).toBe(rendition.bytes)
        expect(sha256(data)).toBe(rendition.sha256)
        expect(rendition.sha256).not.toBe(pic.id.slice(0, 64))
        const file = stored.find(
          (name) => name.startsWith(rendition.sha256) && !name.endsWith('.json'),
        )
        if (!file) throw new Error(`no stored file for ${rendition.sha256}`)
        expect(Buffer.compare(await readFile(join(desk.dataDir, 'media', file)), data)).toBe(0)
        expect(rendition).not.toHaveProperty('href')
        expect(rendition).not.toHaveProperty('path')
      }
    }
    const web = all[1]?.renditions.find((r) => r.name === 'web')
    expect(hook.body.html).toContain(`<img data-sha256="${web?.sha256 ?? '?'}"`)
    expect(hook.body.html).not.toContain('base64')
  })

  it('links: each rendition is copied to the served folder and named by an address that serves exactly it', async () => {
    desk.cms.pictureFolder = folder.path
    await desk.configure({
      webhookPictures: 'links',
      webhookPicturesUrl: `${desk.cms.url}/pictures/`,
      webhookPicturesFolder: folder.path,
    })
    const id = await storyWithPictures()
    const { item } = await desk.push(id, 'webhook')
    expect(item).toMatchObject({ state: 'sent', lastError: null })
    const hook = received()
    for (const pic of pictures(hook))
      for (const rendition of pic.renditions) {
        expect(rendition.href).toMatch(
          new RegExp(`^${desk.cms.url}/pictures/${rendition.sha256}\\.`),
        )
        const served = Buffer.from(await (await fetch(rendition.href ?? '')).arrayBuffer())
        expect(served.length).toBe(rendition.bytes)
        expect(sha256(served)).toBe(rendition.sha256)
        expect(rendition).not.toHaveProperty('data')
      }
    const names = await readdir(folder.path)
    expect(names).toHaveLength(4)
    expect(names.some((name) => name.startsWith(pictures(hook)[0]?.id.slice(0, 64) ?? '?'))).toBe(
      false,
    )
    expect(hook.body.html).toContain(`<img src="${desk.cms.url}/pictures/`)
  })

  it('links whose address does not serve the folder: the push stops and says so, and the webhook gets nothing', async () => {
    await desk.configure({
      webhookPictures: 'links',
      webhookPicturesUrl: `${desk.cms.url}/pictures/`,
      webhookPicturesFolder: folder.path,
    })
    const id = await storyWithPictures()
    const { item } = await desk.push(id, 'webhook')
    expect(item.state).toBe('failed')
    expect(item.lastError).toMatch(
      new RegExp(
        `was copied to ${folder.path}, and ${desk.cms.url}/pictures/.* does not serve it \\(HTTP 404\\)`,
      ),
    )
    expect(item.nextAttemptAt).not.toBeNull()
    expect(desk.cms.hooks.size).toBe(0)
  })

  it('links without a public address are refused, naming the missing setting', async () => {
    await desk.configure({ webhookPictures: 'links' })
    const id = await storyWithPictures()
    await expect(desk.push(id, 'webhook')).rejects.toThrow(
      /no public address for them is set \(Desk settings, Webhook pictures address\)/,
    )
    expect(desk.cms.hooks.size).toBe(0)
  })

  it('a receiver that refuses the size (HTTP 413): the outbox says how big it was and what to change', async () => {
    desk.cms.hookLimitBytes = 2_000
    const id = await storyWithPictures()
    const { item } = await desk.push(id, 'webhook')
    expect(item).toMatchObject({ state: 'failed', nextAttemptAt: null })
    expect(item.lastError).toMatch(
      /^The webhook refused the story as too large \(HTTP 413\): it was \d+ kB with its pictures base64-encoded\. Raise the receiver's request body limit .* or send pictures as links/,
    )
    desk.cms.hookLimitBytes = null
    expect(await desk.client.retryPush({ id: item.id })).toMatchObject({ state: 'sent' })
    expect(pictures(received())[0]?.renditions).toHaveLength(2)
  })
})
