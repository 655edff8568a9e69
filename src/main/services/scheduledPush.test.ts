import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CmsDesk } from '../../../tests/support/cmsDesk'
import { OutboxStore } from '../store/OutboxStore'
import { deskTimeZone, formatDeskTime } from '../../shared/domain/deskTime'

let desk: CmsDesk
beforeEach(async () => {
  desk = await CmsDesk.start({ wordpressStatus: 'publish', timeZone: 'Asia/Kolkata' })
  desk.cms.wordpress.now = () => new Date(desk.clock)
})
afterEach(() => desk.close())

const MINUTE = 60_000
const at = (ms: number) => new Date(desk.clock + ms).toISOString()

// The first push of a run compiles the export schemas: seconds on a busy machine.
describe('scheduled publication on WordPress', { timeout: 30_000 }, () => {
  it('goes as a scheduled post; missed by WP-Cron, Copydesk publishes it after its time and the story turns published', async () => {
    const id = await desk.approvedStory()
    const time = at(2 * 60 * MINUTE)
    await desk.call('scheduleArticle', { id, at: time })
    const { item } = await desk.push(id, 'wordpress')
    const post = desk.cms.posts.get(Number(item.remoteId))
    expect(post).toMatchObject({ status: 'future', dateGmt: time.slice(0, 19) })
    expect(item).toMatchObject({ remoteStatus: 'future', scheduledFor: time })
    expect((await desk.article(id)).status).toBe('approved')
    // Nobody visits the site: WP-Cron never runs, the post stays scheduled past its time.
    desk.clock = Date.parse(time) + 5_000
    // Whoever reads the outbox and sees the post live finds the story published already (bug: the
    // editor read "Sent, live", asked for the story once, found it approved and kept showing that).
    const seenWhenLive: string[] = []
    const put = OutboxStore.prototype.put
    const spy = vi.spyOn(OutboxStore.prototype, 'put').mockImplementation(async function (
      this: OutboxStore,
      ...args
    ) {
      if (args[0].remoteStatus === 'publish') seenWhenLive.push((await desk.article(id)).status)
      return put.apply(this, args)
    })
    await desk.ws.outbox.processDue()
    spy.mockRestore()
    expect(seenWhenLive).toEqual(['published'])
    expect(desk.cms.posts.get(Number(item.remoteId))?.status).toBe('publish')
    const story = await desk.article(id)
    expect(story).toMatchObject({ status: 'published', scheduledFor: null })
    const trail = await desk.audit(id)
    expect(trail.map((e) => e.note ?? '').join('\n')).toContain(
      `WordPress had not published post ${item.remoteId ?? ''} at its time (${time}, missed schedule): Copydesk published it (publish).`,
    )
  })

  it('published by WordPress itself (WP-Cron ran): the story follows and nothing is forced', async () => {
    const id = await desk.approvedStory()
    const time = at(10 * MINUTE)
    await desk.call('transition', { id, action: 'reopen', note: 'Hold for the morning' })
    await desk.call('transition', { id, action: 'approve', scheduleFor: time })
    const { item } = await desk.push(id, 'wordpress')
    desk.clock = Date.parse(time) + 1_000
    expect(desk.cms.wordpress.runCron()).toEqual([Number(item.remoteId)])
    await desk.ws.outbox.processDue()
    expect((await desk.article(id)).status).toBe('published')
    expect((await desk.audit(id)).some((e) => e.note?.includes('missed schedule'))).toBe(false)
  })

  it('under a minute ahead it waits in the outbox (WordPress would publish it at once), then goes live', async () => {
    const id = await desk.approvedStory()
    const time = at(30_000)
    await desk.call('scheduleArticle', { id, at: time })
    const outcome = await desk.push(id, 'wordpress')
    expect(outcome.sent).toBe(false)
    expect(outcome.message).toMatch(/^Held in the outbox until/)
    expect(desk.cms.posts.size).toBe(0)
    desk.clock = Date.parse(time)
    await desk.ws.outbox.processDue()
    expect([...desk.cms.posts.values()][0]).toMatchObject({ status: 'publish' })
    expect((await desk.article(id)).status).toBe('published')
  })

  it('the webhook is held until the time, and says so', async () => {
    const id = await desk.approvedStory()
    const time = at(5 * MINUTE)
    await desk.call('scheduleArticle', { id, at: time })
    const outcome = await desk.push(id, 'webhook')
    // In the desk's time zone, which says its name, as every time the desk reads.
    const zone = deskTimeZone((await desk.call('getSettings', {})).timeZone)
    expect(outcome.message).toContain(
      `Held in the outbox until ${formatDeskTime(time, zone)}, the story's time:`,
    )
    expect(desk.cms.hooks.size).toBe(0)
    desk.clock = Date.parse(time) + 1
    await desk.ws.outbox.processDue()
    expect(desk.cms.hooks.size).toBe(1)
  })

  it('rescheduling moves the WordPress post; unscheduling takes it back to a draft; both audited', async () => {
    const id = await desk.approvedStory()
    await desk.call('scheduleArticle', { id, at: at(60 * MINUTE) })
    const { item } = await desk.push(id, 'wordpress')
    const later = at(120 * MINUTE)
    await desk.call('scheduleArticle', { id, at: later })
    await desk.push(id, 'wordpress')
    expect(desk.cms.posts.get(Number(item.remoteId))).toMatchObject({
      status: 'future',
      dateGmt: later.slice(0, 19),
    })
    await desk.call('scheduleArticle', { id, at: null })
    await desk.push(id, 'wordpress')
    expect(desk.cms.posts.get(Number(item.remoteId))?.status).toBe('draft')
    const notes = (await desk.audit(id)).filter((e) => e.action.endsWith('scheduled'))
    expect(notes.map((e) => [e.action, e.by])).toEqual([
      ['scheduled', 'Vikram Desk'],
      ['scheduled', 'Vikram Desk'],
      ['unscheduled', 'Vikram Desk'],
    ])
  })
})

describe('the fake WordPress schedules as WordPress does', () => {
  it('publish dated a minute or more ahead is future; future under a minute ahead is publish', () => {
    const wp = desk.cms.wordpress
    wp.now = () => new Date('2026-01-23T09:00:00Z')
    const reply = (date: string, status: string) =>
      wp.savePost(null, { title: 'x', status, date_gmt: date })
    expect(reply('2026-01-23T09:01:00', 'publish')).toBe('future')
    expect(reply('2026-01-23T09:00:59', 'publish')).toBe('publish')
    expect(reply('2026-01-23T09:00:59', 'future')).toBe('publish')
    expect(reply('2026-01-23T10:00:00', 'future')).toBe('future')
  })
})
