import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_WP_PASSWORD, FAKE_WP_USER, FakeCms } from '../../../tests/support/fakeCms'
import { draftStory, edited } from '../../../tests/support/storyDesk'
import { startSyncDesk, type DeskAccount, type SyncDesk } from '../../../tests/support/syncDesk'
import { until } from '../../../tests/support/syncWorkstation'
import { joinedWorkstation } from '../../../tests/support/joinedWorkstation'
import type { Workstation } from '../openWorkstation'

const LONG = 90_000
const fixtures = join(import.meta.dirname, '../../../tests/fixtures/media')

let desk: SyncDesk
let cms: FakeCms
let admin: DeskAccount
const open: Workstation[] = []
const folders: (() => Promise<void>)[] = []

beforeAll(async () => {
  desk = await startSyncDesk()
  cms = await new FakeCms().start()
  admin = await desk.signIn('desk-admin', 'Ada Admin')
  await admin.client.setCmsTarget({
    target: 'wordpress',
    url: cms.url,
    user: FAKE_WP_USER,
    postStatus: 'publish',
    secret: FAKE_WP_PASSWORD,
  })
}, 120_000)
afterAll(async () => {
  for (const ws of open.splice(0)) await ws.close()
  for (const cleanup of folders) await cleanup()
  await desk?.close()
  await cms?.stop()
})

function joined(role: 'writer' | 'desk-chief', name: string): Promise<Workstation> {
  return joinedWorkstation(desk, role, name, { opened: open, folders })
}

async function fixture(name: string): Promise<string> {
  return (await readFile(join(fixtures, name))).toString('base64')
}

/** A story with a lead picture and a figure, written and submitted on `writer`, approved on `chief`. */
async function approvedWithPictures(writer: Workstation, chiefWs: Workstation, text: string) {
  const fields = draftStory()
  const story = await writer.client.createArticle({
    fields: {
      headline: fields.headline,
      dateline: fields.dateline,
      byline: fields.byline,
      body: edited(fields, text).body,
    },
  })
  await writer.client.addPicture({
    id: story.id,
    name: 'tagged.jpg',
    data: await fixture('tagged.jpg'),
    as: 'lead',
  })
  const { picture: figure } = await writer.client.addPicture({
    id: story.id,
    name: 'iptc-utf8.jpg',
    data: await fixture('iptc-utf8.jpg'),
    as: 'figure',
    caption: 'The old pool',
    credit: 'Staff',
    altText: 'An empty outdoor pool behind a fence',
  })
  await writer.client.transition({ id: story.id, action: 'submit' })
  await until(async () => (await chiefWs.client.getQueue({})).some((s) => s.id === story.id))
  await chiefWs.client.transition({ id: story.id, action: 'approve' })
  return { id: story.id, figure }
}

describe('pictures through the desk’s outbox', { timeout: LONG }, () => {
  it('the desk sends a joined workstation’s pictures to WordPress: featured image and figure, each once per site', async () => {
    const writer = await joined('writer', 'Asha Writer')
    const chiefWs = await joined('desk-chief', 'Cleo Chief')
    const { id } = await approvedWithPictures(writer, chiefWs, 'The council closed the pool.')
    const article = await chiefWs.client.getArticle({ id })
    const leadId = article.leadPicture?.mediaId ?? ''
    // The chief's workstation got the pictures with the story, and shows them offline.
    await until(async () => {
      const read = await chiefWs.client
        .readPicture({ id: leadId, rendition: 'thumbnail' })
        .catch(() => null)
      return read !== null
    })

    const outcome = await chiefWs.client.pushArticle({ id, target: 'wordpress' })
    expect(outcome).toMatchObject({ sent: true, item: { state: 'sent' } })
    const media = [...cms.wordpress.media.values()]
    expect(media).toHaveLength(2)
    const webOfLead = (await writer.media.readRecord(leadId))?.renditions.find(
      (r) => r.name === 'web',
    )
    expect(
      media[0]?.data.equals(Buffer.from(await writer.media.read(webOfLead?.id ?? leadId))),
    ).toBe(true)
    const post = cms.posts.get(Number(outcome.item.remoteId))
    expect(post?.featuredMedia).toBe(media[0]?.id)
    expect(post?.content).toContain(`wp-image-${media[1]?.id}`)

    // Another story with the same lead picture: the site has it, nothing is uploaded again.
    const second = await approvedWithPictures(writer, chiefWs, 'The pool reopens in May.')
    const again = await chiefWs.client.pushArticle({ id: second.id, target: 'wordpress' })
    expect(again.sent).toBe(true)
    expect(cms.wordpress.media.size).toBe(2)
    expect(cms.posts.get(Number(again.item.remoteId))?.featuredMedia).toBe(media[0]?.id)
  })
})
