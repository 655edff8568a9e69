import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportProblems } from '../../../tests/support/exportProblems'
import { FAKE_TOKEN, FakeCms } from '../../../tests/support/fakeCms'
import { draftStory, edited } from '../../../tests/support/storyDesk'
import { startSyncDesk, SYNC_DESK_KEY, type SyncDesk } from '../../../tests/support/syncDesk'
import { until } from '../../../tests/support/syncWorkstation'
import { joinedWorkstation } from '../../../tests/support/joinedWorkstation'
import { SecretBox } from '../../server/outbox/SecretBox'
import type { Workstation } from '../openWorkstation'

const LONG = 120_000
const fixtures = join(import.meta.dirname, '../../../tests/fixtures/media')
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

type Rendition = { name: string; bytes: number; sha256: string; data?: string; href?: string }
type Picture = { id: string; renditions: Rendition[] }
type Hook = { leadImage: Picture; body: { blocks: ({ type: string } & Partial<Picture>)[] } }

let cms: FakeCms
const open: Workstation[] = []
const folders: (() => Promise<void>)[] = []
const desks: SyncDesk[] = []

beforeAll(async () => {
  cms = await new FakeCms().start()
}, LONG)
afterAll(async () => {
  for (const ws of open.splice(0)) await ws.close()
  for (const cleanup of folders) await cleanup()
  for (const desk of desks) await desk.close()
  await cms?.stop()
})

/** A desk whose webhook is the fake CMS, with a writer's and a chief's joined workstations. */
async function deskWithWebhook(publicUrl: boolean) {
  const desk = await startSyncDesk({ publicUrl })
  desks.push(desk)
  const admin = await desk.signIn('desk-admin', 'Ada Admin')
  await admin.client.setCmsTarget({ target: 'webhook', url: `${cms.url}/hook`, secret: FAKE_TOKEN })
  const writer = await joined(desk, 'writer', 'Asha Writer')
  const chief = await joined(desk, 'desk-chief', 'Cleo Chief')
  return { desk, writer, chief }
}

function joined(desk: SyncDesk, role: 'writer' | 'desk-chief', name: string) {
  return joinedWorkstation(desk, role, name, { opened: open, folders })
}

/** A story with a lead picture and a figure, written on `writer`, approved on `chief`, pushed. */
async function pushedWithPictures(writer: Workstation, chief: Workstation): Promise<Hook> {
  const fields = draftStory()
  const story = await writer.client.createArticle({
    fields: {
      headline: fields.headline,
      dateline: fields.dateline,
      byline: fields.byline,
      body: edited(fields, 'The council closed the pool.').body,
    },
  })
  for (const [name, as] of [
    ['tagged.jpg', 'lead'],
    ['small.png', 'figure'],
  ] as const)
    await writer.client.addPicture({
      id: story.id,
      name,
      data: (await readFile(join(fixtures, name))).toString('base64'),
      as,
      caption: `The ${as}`,
      credit: 'Staff',
      altText: `What the ${as} shows`,
    })
  await writer.client.transition({ id: story.id, action: 'submit' })
  await until(async () => (await chief.client.getQueue({})).some((s) => s.id === story.id))
  await chief.client.transition({ id: story.id, action: 'approve' })
  const before = cms.hooks.size
  const outcome = await chief.client.pushArticle({ id: story.id, target: 'webhook' })
  expect(outcome).toMatchObject({ sent: true, item: { state: 'sent', lastError: null } })
  expect(cms.hooks.size).toBe(before + 1)
  const hook = [...cms.hooks.values()].at(-1)
  expect(exportProblems('hook.json', hook)).toEqual([])
  const parsed: unknown = hook
  // Valid against the shipped schema (just above): the fields read below are there.
  return parsed as Hook
}

function pictures(hook: Hook): Picture[] {
  const figures = hook.body.blocks.flatMap((b) =>
    b.type === 'figure' && b.id && b.renditions ? [{ id: b.id, renditions: b.renditions }] : [],
  )
  return [hook.leadImage, ...figures]
}

describe('the desk’s outbox sends the webhook the pictures’ renditions', { timeout: LONG }, () => {
  it('base64 (a desk server without --public-url): the bytes are the writer’s renditions, hash-true', async () => {
    const { writer, chief } = await deskWithWebhook(false)
    const hook = await pushedWithPictures(writer, chief)
    const all = pictures(hook)
    expect(all).toHaveLength(2)
    for (const pic of all) {
      const record = await writer.media.readRecord(pic.id)
      expect(pic.renditions.map((r) => r.name)).toEqual(record?.renditions.map((r) => r.name))
      for (const rendition of pic.renditions) {
        const data = Buffer.from(rendition.data ?? '', 'base64')
        expect(sha256(data)).toBe(rendition.sha256)
        expect(data.length).toBe(rendition.bytes)
        const mine = record?.renditions.find((r) => r.name === rendition.name)
        expect(Buffer.compare(data, Buffer.from(await writer.media.read(mine?.id ?? pic.id)))).toBe(
          0,
        )
      }
    }
  })

  it('links (--public-url): each link serves exactly its rendition; a wrong or forged key, and the original, get nothing', async () => {
    const { desk, writer, chief } = await deskWithWebhook(true)
    const hook = await pushedWithPictures(writer, chief)
    const lead = hook.leadImage
    for (const pic of pictures(hook))
      for (const rendition of pic.renditions) {
        const href = rendition.href ?? ''
        expect(href.startsWith(`${desk.url}/v1/renditions/${rendition.sha256}.`)).toBe(true)
        const answer = await fetch(href)
        expect(answer.status).toBe(200)
        const served = Buffer.from(await answer.arrayBuffer())
        expect(sha256(served)).toBe(rendition.sha256)
        expect(served.length).toBe(rendition.bytes)
        expect(answer.headers.get('cache-control')).toContain('immutable')
        expect((await fetch(href, { method: 'HEAD' })).headers.get('content-length')).toBe(
          String(rendition.bytes),
        )
      }
    const web = lead.renditions.find((r) => r.name === 'web')?.href ?? ''
    const url = new URL(web)
    const key = url.searchParams.get('key') ?? ''
    const withKey = (path: string, k: string) => `${url.origin}${path}?key=${k}`
    // A wrong key, no key, and the web rendition's key on the thumbnail: all refused alike.
    const thumbnail = lead.renditions.find((r) => r.name === 'thumbnail')?.href ?? ''
    const thumbPath = new URL(thumbnail).pathname
    for (const target of [
      withKey(url.pathname, `${key.slice(0, -2)}AA`),
      `${url.origin}${url.pathname}`,
      withKey(thumbPath, key),
    ])
      expect((await fetch(target)).status).toBe(404)
    // The original is never served, not even with a key the desk's own secret made for it.
    const box = SecretBox.fromKey(SYNC_DESK_KEY)
    const original = `/v1/renditions/${lead.id}`
    expect(
      (await fetch(withKey(original, box.capability('public rendition', lead.id)))).status,
    ).toBe(404)
    expect((await fetch(withKey(original, key))).status).toBe(404)
  })
})
