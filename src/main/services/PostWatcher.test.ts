import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CmsDesk } from '../../../tests/support/cmsDesk'
import { watchInterval } from '../../cms/watchInterval'

let desk: CmsDesk
beforeEach(async () => {
  desk = await CmsDesk.start({ wordpressStatus: 'draft' })
})
afterEach(() => desk.close())

const MINUTE = 60_000
const reads = (postId: string | null) =>
  desk.cms.log.filter((l) => l.startsWith(`GET /wp-json/wp/v2/posts/${postId ?? ''}?`)).length

describe('waiting posts are looked at only while it can matter', () => {
  it('stops looking at a post in the trash, as at a deleted one (bug: trashed posts were read every minute forever)', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    desk.cms.wordpress.trash(Number(item.remoteId))
    desk.clock += MINUTE
    await desk.ws.outbox.processDue()
    expect((await desk.outbox(id))[0]).toMatchObject({ remoteStatus: 'trash' })
    const before = reads(item.remoteId)
    for (let i = 0; i < 3; i += 1) {
      desk.clock += 10 * MINUTE
      await desk.ws.outbox.processDue()
    }
    expect(reads(item.remoteId)).toBe(before)
  })

  it('looks only at the latest delivery of a story to a site (bug: every earlier draft push was read too)', async () => {
    const id = await desk.approvedStory()
    await desk.push(id, 'wordpress')
    await desk.revise(id, { headline: 'Quad ministers meet again' })
    const { item } = await desk.push(id, 'wordpress')
    expect(await desk.outbox(id)).toHaveLength(2)
    const before = reads(item.remoteId)
    desk.clock += MINUTE
    await desk.ws.outbox.processDue()
    expect(reads(item.remoteId) - before).toBe(1)
  })

  it('backs off for a draft that waits long: every minute, then every 15 minutes, then every 6 hours', async () => {
    expect(watchInterval(0)).toBe(MINUTE)
    expect(watchInterval(59 * MINUTE)).toBe(MINUTE)
    expect(watchInterval(2 * 60 * MINUTE)).toBe(15 * MINUTE)
    expect(watchInterval(3 * 24 * 60 * MINUTE)).toBe(6 * 60 * MINUTE)

    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    desk.clock += 2 * 60 * MINUTE
    await desk.ws.outbox.processDue()
    const before = reads(item.remoteId)
    desk.clock += 5 * MINUTE
    await desk.ws.outbox.processDue()
    expect(reads(item.remoteId)).toBe(before)
    desk.clock += 10 * MINUTE
    await desk.ws.outbox.processDue()
    expect(reads(item.remoteId)).toBe(before + 1)
  })
})
