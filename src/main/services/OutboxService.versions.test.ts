import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CmsDesk } from '../../../tests/support/cmsDesk'

let desk: CmsDesk
beforeEach(async () => {
  desk = await CmsDesk.start({ wordpressStatus: 'publish' })
})
afterEach(() => desk.close())

const postCalls = () => desk.cms.log.filter((l) => l.startsWith('POST /wp-json/wp/v2/posts'))

describe('"already has this version" means the latest delivery', () => {
  it('A, then B, then A again is sent: WordPress shows A (bug: it matched the first delivery and said "already has", leaving B)', async () => {
    await desk.configure({ wordpressStatus: 'pending' })
    const id = await desk.approvedStory('Headline A')
    const first = await desk.push(id, 'wordpress')
    await desk.revise(id, { headline: 'Headline B' })
    expect(await desk.push(id, 'wordpress')).toMatchObject({ sent: true })
    await desk.revise(id, { headline: 'Headline A' })
    const third = await desk.push(id, 'wordpress')
    expect(third.sent).toBe(true)
    expect(third.message).not.toMatch(/already has/)
    expect(desk.cms.posts.get(Number(first.item.remoteId))?.title).toBe('Headline A')
  })
})

describe('a correction note is never dropped', () => {
  it('reopened and approved with no change, then pushed with a note: the note goes out, is printed, and corrects the story (bug: "already has this version" and the note vanished)', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    expect(await desk.article(id)).toMatchObject({ status: 'published' })
    await desk.revise(id, null)
    const note = 'An earlier version did not say the talks were in Tokyo.'
    const outcome = await desk.push(id, 'wordpress', note)
    expect(outcome.sent).toBe(true)
    expect(desk.cms.posts.get(Number(item.remoteId))?.content).toContain(`</strong> ${note}</p>`)
    expect(await desk.article(id)).toMatchObject({
      status: 'corrected',
      corrections: [{ note }],
      pendingCorrection: null,
    })
  })

  it('a push the CMS received stays sent when the publication cannot be recorded; the next push finds WordPress has it and publishes the note it carried (bug: the note stayed pending forever while WordPress printed it)', async () => {
    const id = await desk.approvedStory()
    await desk.push(id, 'wordpress')
    await desk.revise(id, { headline: 'Quad ministers meet in Tokyo' })
    const note = 'An earlier version left out the city.'
    const confirm = vi
      .spyOn(desk.ws.workflow, 'confirmPublished')
      .mockRejectedValueOnce(new Error('the disk is full'))
    const first = await desk.push(id, 'wordpress', note)
    expect(first.item).toMatchObject({ state: 'sent', remoteStatus: 'publish' })
    expect(await desk.article(id)).toMatchObject({
      status: 'approved',
      pendingCorrection: { note },
    })
    confirm.mockRestore()
    const posts = postCalls().length
    const again = await desk.push(id, 'wordpress')
    expect(again.message).toMatch(/^WordPress already has this version of the story/)
    expect(postCalls()).toHaveLength(posts)
    expect(await desk.article(id)).toMatchObject({
      status: 'corrected',
      corrections: [{ note }],
      pendingCorrection: null,
    })
  })

  it('a live push publishes the story before its outbox item reads sent: a crash between the two leaves a push the next start sends again, never a story approved beside a live post', async () => {
    const id = await desk.approvedStory()
    const seen: string[] = []
    const confirm = desk.ws.workflow.confirmPublished.bind(desk.ws.workflow)
    vi.spyOn(desk.ws.workflow, 'confirmPublished').mockImplementation(async (...args) => {
      seen.push(...(await desk.outbox(id)).map((item) => item.state))
      return confirm(...args)
    })
    const outcome = await desk.push(id, 'wordpress')
    expect(seen).toEqual(['sending'])
    expect(outcome.item).toMatchObject({ state: 'sent', remoteStatus: 'publish' })
    expect(await desk.article(id)).toMatchObject({ status: 'published' })
  })

  it('a waiting note is published, not dropped, when the story goes back to published unchanged (restorePublished)', async () => {
    const id = await desk.approvedStory()
    await desk.push(id, 'wordpress')
    await desk.revise(id, null)
    const note = 'A note the desk chief wrote.'
    await desk.call('setCorrectionNote', { id, note })
    await desk.ws.workflow.restorePublished(id, 'Vikram Desk', 'Unchanged')
    expect(await desk.article(id)).toMatchObject({
      status: 'corrected',
      corrections: [{ note, by: 'Vikram Desk' }],
      pendingCorrection: null,
    })
  })

  it('the desk chief can rewrite the waiting note; the next push sends the new wording', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    await desk.revise(id, { headline: 'Quad ministers meet in Tokyo' })
    await desk.call('setCorrectionNote', { id, note: 'First wording.' })
    expect(await desk.article(id)).toMatchObject({ pendingCorrection: { note: 'First wording.' } })
    await desk.call('setCorrectionNote', { id, note: 'Better wording.' })
    await desk.push(id, 'wordpress')
    const content = desk.cms.posts.get(Number(item.remoteId))?.content ?? ''
    expect(content).toContain('Better wording.')
    expect(content).not.toContain('First wording.')
    await desk.call('setProfile', { name: 'Asha Rao', role: 'writer' })
    await expect(desk.call('setCorrectionNote', { id, note: 'x' })).rejects.toMatchObject({
      code: 'REFUSED',
    })
  })
})

describe('the story follows what the CMS shows, never stale knowledge', () => {
  it('when WordPress cannot be read, an unchanged push leaves the story approved and says why (bug: the last known "publish" republished it)', async () => {
    const id = await desk.approvedStory()
    await desk.push(id, 'wordpress')
    await desk.revise(id, null)
    desk.cms.mode = 'error500'
    const outcome = await desk.push(id, 'wordpress')
    expect(outcome.sent).toBe(false)
    expect(outcome.message).toMatch(
      /already has this version .*Its status could not be read now \(WordPress answered HTTP 500.*\), so the story's state was left as it is\./,
    )
    expect(await desk.article(id)).toMatchObject({ status: 'approved' })
    desk.cms.mode = 'ok'
    await desk.push(id, 'wordpress')
    expect(await desk.article(id)).toMatchObject({ status: 'published', corrections: [] })
  })

  it('"Mark published" is refused while the WordPress post waits as a draft, and says why (bug: the story read published while the post was a draft)', async () => {
    await desk.configure({ wordpressStatus: 'draft' })
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    await expect(desk.call('transition', { id, action: 'publish' })).rejects.toMatchObject({
      code: 'REFUSED',
      message:
        /WordPress push of this story waits as draft \(post \d+\): publish the post in WordPress/,
    })
    desk.cms.wordpress.trash(Number(item.remoteId))
    await desk.call('checkPush', { id: item.id })
    expect(await desk.call('transition', { id, action: 'publish' })).toMatchObject({
      status: 'published',
    })
  })
})
