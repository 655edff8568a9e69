import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CmsDesk } from '../../tests/support/cmsDesk'
import { FAKE_WP_PASSWORD } from '../../tests/support/fakeCms'

let desk: CmsDesk
beforeEach(async () => {
  desk = await CmsDesk.start()
})
afterEach(() => desk.close())

describe('WordPress: a post belongs to one story', () => {
  it('creates the post with block markup and the owner mark, then updates the same post; never two posts', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    expect(item).toMatchObject({ state: 'sent', remoteId: expect.stringMatching(/^\d+$/) })
    const post = desk.cms.posts.get(Number(item.remoteId))
    expect(post).toMatchObject({
      title: 'Quad ministers meet',
      status: 'pending',
      slug: 'quad-ministers-meet',
    })
    expect(post?.content).toMatch(/^<!-- copydesk:article [0-9a-f-]{36} desk [0-9a-f-]{36} -->/)
    expect(post?.content).toContain(`<!-- copydesk:article ${id} desk`)
    expect(post?.content).toContain('<cite>A minister</cite>')
    expect(post?.content).toContain('<!-- wp:list -->')
    expect(post?.tags).toHaveLength(2)

    await desk.revise(id, { headline: 'Quad ministers meet again' })
    const again = await desk.push(id, 'wordpress')
    expect(again.item.remoteId).toBe(item.remoteId)
    expect(desk.cms.posts.size).toBe(1)
    expect(desk.cms.posts.get(Number(item.remoteId))?.title).toBe('Quad ministers meet again')
  })

  it('a second story with the same slug gets its own post and the desk is told; the published one is untouched (bug: it replaced a published, corrected post)', async () => {
    await desk.configure({ wordpressStatus: 'publish' })
    const first = await desk.approvedStory('Budget passed')
    const sent = await desk.push(first, 'wordpress')
    const original = structuredClone(desk.cms.posts.get(Number(sent.item.remoteId)))
    const second = await desk.approvedStory('Budget passed')
    const outcome = await desk.push(second, 'wordpress')
    expect(outcome.item.remoteId).not.toBe(sent.item.remoteId)
    expect(desk.cms.posts.size).toBe(2)
    expect(desk.cms.posts.get(Number(sent.item.remoteId))).toEqual(original)
    expect(outcome.item.remoteSlug).toBe('budget-passed-2')
    expect(outcome.item.notices.join(' ')).toMatch(
      /already has a post with the slug "budget-passed" that is not this story \(post \d+\): this story went to a new post \d+ \(its slug is "budget-passed-2"\)/,
    )
    expect(outcome.message).toContain('budget-passed-2')
    const audit = await desk.audit(second)
    expect(audit.some((e) => /not this story/.test(e.note ?? ''))).toBe(true)
  })

  it('a post with our slug but no mark of ours is never adopted (bug: a push without a remembered id took over whatever post had the slug)', async () => {
    const id = await desk.approvedStory('Lost confirmation')
    const foreign = desk.cms.wordpress.addPost({
      title: 'Someone else’s story',
      excerpt: '',
      content: '<!-- wp:paragraph --><p>Theirs.</p><!-- /wp:paragraph -->',
      status: 'publish',
      slug: 'lost-confirmation',
      tags: [],
    })
    const { item } = await desk.push(id, 'wordpress')
    expect(item.remoteId).not.toBe(String(foreign.id))
    expect(desk.cms.posts.get(foreign.id)?.content).toContain('Theirs.')
    expect(item.notices.join(' ')).toMatch(/not this story/)
  })

  it('a post made by a push whose confirmation was lost is found by its mark and updated, not duplicated', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    await desk.ws.close()
    const file = join(desk.dataDir, 'outbox.json')
    const outbox = JSON.parse(await readFile(file, 'utf8'))
    await writeFile(file, JSON.stringify({ ...outbox, items: [], remoteIds: {} }))
    await desk.open()
    await desk.revise(id, { headline: 'Quad ministers meet, again' })
    await desk.client.setProfile({ name: 'Vikram Desk', role: 'desk-chief' })
    const again = await desk.push(id, 'wordpress')
    expect(again.item.remoteId).toBe(item.remoteId)
    expect(again.item.notices.join(' ')).toMatch(/carries this story's mark .*it was updated/)
    expect(desk.cms.posts.size).toBe(1)
  })

  it('another data folder never takes this desk’s post, even for a copy of the same article (bug: a fresh data folder took over a post made by another)', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    await desk.ws.close()
    const file = join(desk.dataDir, 'outbox.json')
    const outbox = JSON.parse(await readFile(file, 'utf8'))
    // A fresh data folder holding a copy of the article: same article id, another desk id.
    await writeFile(file, JSON.stringify({ items: [], remoteIds: {} }))
    await rm(join(desk.dataDir, 'desk.json'))
    expect(outbox.deskId).toMatch(/^[0-9a-f-]{36}$/)
    await desk.open()
    await desk.revise(id, { headline: 'Copied elsewhere' })
    const other = await desk.push(id, 'wordpress')
    expect(other.item.remoteId).not.toBe(item.remoteId)
    expect(desk.cms.posts.get(Number(item.remoteId))?.title).toBe('Quad ministers meet')
  })

  it('a remembered post that was deleted gets a new post, and one now carrying another story’s mark is left alone', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    desk.cms.posts.delete(Number(item.remoteId))
    await desk.revise(id, { headline: 'After the delete' })
    const recreated = await desk.push(id, 'wordpress')
    expect(recreated.item.remoteId).not.toBe(item.remoteId)
    expect(recreated.item.notices.join(' ')).toMatch(
      /no longer exists: this story went to a new post/,
    )

    const post = desk.cms.posts.get(Number(recreated.item.remoteId))
    if (!post) throw new Error('no post')
    const otherMark = post.content.replace(id, '00000000-0000-4000-8000-000000000000')
    desk.cms.posts.set(post.id, { ...post, content: otherMark })
    await desk.revise(id, { headline: 'After the takeover' })
    const third = await desk.push(id, 'wordpress')
    expect(third.item.remoteId).not.toBe(recreated.item.remoteId)
    expect(desk.cms.posts.get(post.id)?.content).toBe(otherMark)
    expect(third.item.notices.join(' ')).toMatch(/carries another story's mark/)
  })

  it('a remembered post in the trash is not brought back silently: the push stops and says what to do', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    desk.cms.wordpress.trash(Number(item.remoteId))
    await desk.revise(id, { headline: 'Into the trash' })
    const outcome = await desk.push(id, 'wordpress')
    expect(outcome.item).toMatchObject({
      state: 'failed',
      nextAttemptAt: null,
      lastError: expect.stringMatching(/is in the trash: restore it in WordPress and Retry/),
    })
  })
})

describe('WordPress: tags with entities', () => {
  it('reuses "AI & chips", which WordPress stores as "AI &amp; chips", on every push (bug: term_exists failed every push forever)', async () => {
    const existing = desk.cms.wordpress.addTag('AI & chips')
    expect(existing.name).toBe('AI &amp; chips')
    const id = await desk.approvedStory('Chips deal', { tags: ['AI & chips', 'Trade'] })
    const { item } = await desk.push(id, 'wordpress')
    expect(item.state).toBe('sent')
    expect(desk.cms.posts.get(Number(item.remoteId))?.tags).toContain(existing.id)
    expect([...desk.cms.tags.values()].filter((t) => t.name === 'AI &amp; chips')).toHaveLength(1)
    await desk.revise(id, { headline: 'Chips deal signed' })
    expect((await desk.push(id, 'wordpress')).item.state).toBe('sent')
  })

  it('uses the term id that term_exists returns when the search misses a tag', async () => {
    const existing = desk.cms.wordpress.addTag('R&D <spend>')
    const id = await desk.approvedStory('Research', { tags: ['R&D <spend>'] })
    const { item } = await desk.push(id, 'wordpress')
    expect(desk.cms.posts.get(Number(item.remoteId))?.tags).toEqual([existing.id])
    expect(desk.cms.log.some((line) => line.startsWith('POST /wp-json/wp/v2/tags'))).toBe(true)
  })
})

describe('WordPress: status means what it says', () => {
  it('sent as a draft, the story stays approved ("Sent to CMS (draft)") until the post is published in WordPress (bug: it became published at once)', async () => {
    await desk.configure({ wordpressStatus: 'draft' })
    const id = await desk.approvedStory()
    const outcome = await desk.push(id, 'wordpress')
    expect(outcome.item).toMatchObject({ state: 'sent', remoteStatus: 'draft' })
    expect(outcome.message).toMatch(/^Sent to CMS \(draft\), id \d+: the story stays approved/)
    expect(await desk.article(id)).toMatchObject({ status: 'approved', publishedAt: null })

    desk.cms.wordpress.publish(Number(outcome.item.remoteId))
    await desk.ws.outbox.processDue()
    expect(await desk.article(id)).toMatchObject({ status: 'approved' })
    desk.clock += 60_000
    await desk.ws.outbox.processDue()
    expect(await desk.article(id)).toMatchObject({ status: 'published', corrections: [] })
    expect((await desk.outbox(id))[0]).toMatchObject({ remoteStatus: 'publish' })
  })

  it('"Check WordPress now" publishes the story as soon as the post is live', async () => {
    await desk.configure({ wordpressStatus: 'pending' })
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    expect(await desk.client.checkPush({ id: item.id })).toMatchObject({
      message: expect.stringMatching(/Sent to CMS \(pending review\)/),
    })
    desk.cms.wordpress.publish(Number(item.remoteId))
    expect(await desk.client.checkPush({ id: item.id })).toMatchObject({
      item: { remoteStatus: 'publish' },
    })
    expect(await desk.article(id)).toMatchObject({ status: 'published' })
  })

  it('a correction to a live post keeps it live though the desk sends new posts as drafts', async () => {
    await desk.configure({ wordpressStatus: 'publish' })
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    await desk.configure({ wordpressStatus: 'draft' })
    await desk.revise(id, { headline: 'Quad ministers met on Monday' })
    const note = 'An earlier version gave the wrong day.'
    const outcome = await desk.push(id, 'wordpress', note)
    const post = desk.cms.posts.get(Number(item.remoteId))
    expect(post?.status).toBe('publish')
    expect(post?.content).toMatch(
      /<p class="correction"><strong>Correction, Jan 23, 2026:<\/strong> An earlier version gave the wrong day\.<\/p>/,
    )
    expect(outcome.item.remoteStatus).toBe('publish')
    expect(await desk.article(id)).toMatchObject({ status: 'corrected', corrections: [{ note }] })
  })

  it('a draft pushed again unchanged sends nothing and says WordPress already has it', async () => {
    await desk.configure({ wordpressStatus: 'draft' })
    const id = await desk.approvedStory()
    await desk.push(id, 'wordpress')
    const requests = desk.cms.log.filter((line) => line.startsWith('POST /wp-json/wp/v2/posts'))
    const again = await desk.push(id, 'wordpress')
    expect(again.sent).toBe(false)
    expect(again.message).toMatch(
      /^WordPress already has this version of the story .*nothing was sent\.$/,
    )
    expect(again.item).toMatchObject({ state: 'sent', remoteStatus: 'draft' })
    expect(desk.cms.log.filter((line) => line.startsWith('POST /wp-json/wp/v2/posts'))).toEqual(
      requests,
    )
  })
})

describe('WordPress: errors name the cause', () => {
  it('a wrong application password (WordPress: HTTP 400 rest_invalid_param "Status is forbidden") says the user name or password was not accepted, and is not retried', async () => {
    desk.cms.wordpress.credentialsFailAs = 'anonymous'
    await desk.client.setSecret({ name: 'wordpressPassword', value: 'wrong pass word' })
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    expect(item.lastError).toMatch(
      /^WordPress did not accept the user name or application password; check them in Desk settings \(Test connection\)\. WordPress said HTTP 400 rest_invalid_param: Invalid parameter\(s\): status \(status: Status is forbidden\.\)/,
    )
    expect(item.nextAttemptAt).toBeNull()
  })

  it('the same when the site answers 401 incorrect_password (stock WordPress 6.x)', async () => {
    await desk.client.setSecret({ name: 'wordpressPassword', value: 'wrong pass word' })
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    expect(item.lastError).toMatch(
      /did not accept the user name or application password.*incorrect_password/,
    )
  })

  it('a user who may not publish is told what to change; after the fix, Retry sends it', async () => {
    await desk.configure({ wordpressStatus: 'publish' })
    desk.cms.wordpress.canPublish = false
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    expect(item).toMatchObject({
      state: 'failed',
      nextAttemptAt: null,
      lastError: expect.stringMatching(/may not publish posts .*Author or Editor role/),
    })
    desk.cms.wordpress.canPublish = true
    expect(await desk.client.retryPush({ id: item.id })).toMatchObject({ state: 'sent' })
    expect(await desk.article(id)).toMatchObject({ status: 'published' })
  })

  it('Test connection signs in with GET /users/me, with the saved or just-typed password', async () => {
    expect(await desk.client.testConnection({ target: 'wordpress' })).toEqual({
      ok: true,
      message: 'Signed in to WordPress as Desk Editor.',
    })
    const wrong = await desk.client.testConnection({
      target: 'wordpress',
      password: 'not the password',
    })
    expect(wrong.ok).toBe(false)
    expect(wrong.message).toMatch(
      /^WordPress did not accept the user name or application password; check both .*Application Passwords.*incorrect_password/,
    )
    // Said inside Desk settings: no "check them in Desk settings" (bug: the message sent the desk in circles).
    expect(wrong.message).not.toMatch(/Desk settings/)
    expect(
      await desk.client.testConnection({ target: 'wordpress', password: FAKE_WP_PASSWORD }),
    ).toMatchObject({ ok: true })
    expect(desk.cms.log.filter((l) => l.startsWith('GET /wp-json/wp/v2/users/me'))).toHaveLength(3)
  })

  it('a site URL that is not WordPress is named as such', async () => {
    await desk.configure({ wordpressUrl: `${desk.cms.url}/not-wordpress` })
    await desk.client.setSecret({ name: 'wordpressPassword', value: FAKE_WP_PASSWORD })
    const result = await desk.client.testConnection({ target: 'wordpress' })
    expect(result.message).toMatch(/has no WordPress REST API route .*check the site URL/)
  })
})

describe('WordPress: everything the desk wrote arrives', () => {
  it('sends the standfirst, byline, sources and excerpt within the summary limit', async () => {
    await desk.configure({ wordpressDeck: 'excerpt', summaryLimit: 60 })
    const id = await desk.approvedStory('Everything', {
      deck: 'A deck the desk wrote',
      summary: 'A summary that is long enough to go past the desk limit of sixty characters.',
      byline: ['Asha Rao', 'Ravi Kumar'],
      sources: [{ name: 'MEA', url: 'https://mea.gov.in/' }, { name: 'A diplomat' }],
    })
    const { item } = await desk.push(id, 'wordpress')
    const post = desk.cms.posts.get(Number(item.remoteId))
    expect(post?.excerpt.length).toBeLessThanOrEqual(60)
    expect(post?.excerpt).toMatch(/^A deck the desk wrote A summary .*…$/)
    expect(item.notices.join(' ')).toMatch(/excerpt was shortened to the desk's summary limit \(60/)
    expect(post?.content).toContain('<p class="byline">By Asha Rao and Ravi Kumar</p>')
    expect(post?.content).toContain(
      '<strong>Sources:</strong> <a href="https://mea.gov.in/" rel="noopener noreferrer">MEA</a>, A diplomat',
    )
    expect(post?.content).not.toContain('standfirst')
  })
})
