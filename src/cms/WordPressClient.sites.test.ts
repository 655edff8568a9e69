import { z } from 'zod'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CmsDesk } from '../../tests/support/cmsDesk'
import { FAKE_WP_PASSWORD, FakeCms } from '../../tests/support/fakeCms'

let desk: CmsDesk
let other: FakeCms | null = null
beforeEach(async () => {
  desk = await CmsDesk.start()
})
afterEach(async () => {
  await other?.stop()
  other = null
  await desk.close()
})

const stranger = {
  title: 'A reporter’s own story',
  excerpt: '',
  content: '<!-- wp:paragraph --><p>Theirs.</p><!-- /wp:paragraph -->',
  status: 'publish',
  slug: 'a-reporters-own-story',
  tags: [],
}

/** Points the desk's WordPress target at another site, with its password entered again. */
async function moveTo(site: FakeCms): Promise<void> {
  await desk.configure({ wordpressUrl: site.url })
  await desk.client.setSecret({ name: 'wordpressPassword', value: FAKE_WP_PASSWORD })
}

describe('WordPress: a remembered post belongs to its site', () => {
  it('after the site URL changes, a push never overwrites the new site’s post that has the old id (bug: site 2’s live post 103 was overwritten and the story marked published)', async () => {
    const id = await desk.approvedStory()
    const first = await desk.push(id, 'wordpress')
    const postId = Number(first.item.remoteId)
    other = await new FakeCms().start()
    other.posts.set(postId, { ...stranger, id: postId, author: 1 })
    await moveTo(other)
    await desk.revise(id, { headline: 'Quad ministers meet again' })

    const second = await desk.push(id, 'wordpress')
    expect(other.posts.get(postId)).toMatchObject({
      title: stranger.title,
      content: stranger.content,
    })
    expect(second.item).toMatchObject({ state: 'sent', site: other.url })
    expect(second.item.remoteId).not.toBe(String(postId))
    expect(other.posts.get(Number(second.item.remoteId))?.content).toContain(
      `copydesk:article ${id}`,
    )
    expect(second.item.notices.join(' ')).toContain(
      `This story was sent before to ${desk.cms.url} (post ${postId}); ${other.url} is another site`,
    )
    expect(await desk.article(id)).toMatchObject({ status: 'approved', publishedAt: null })
    // Back on the first site, the story's own post is updated again, not duplicated.
    await moveTo(desk.cms)
    await desk.revise(id, { headline: 'Quad ministers meet, third time' })
    const third = await desk.push(id, 'wordpress')
    expect(third.item.remoteId).toBe(String(postId))
    expect(desk.cms.posts.get(postId)?.title).toBe('Quad ministers meet, third time')
  })

  it('the background check never publishes the story from another site’s post with the same id (bug: a stranger’s live post published the story)', async () => {
    await desk.configure({ wordpressStatus: 'draft' })
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    const postId = Number(item.remoteId)
    other = await new FakeCms().start()
    other.posts.set(postId, { ...stranger, id: postId, author: 1 })
    await moveTo(other)
    desk.clock += 60_000
    await desk.ws.outbox.processDue()
    expect(await desk.article(id)).toMatchObject({ status: 'approved', publishedAt: null })
    expect(other.log.filter((line) => line.includes(`/posts/${postId}`))).toEqual([])
    await expect(desk.client.checkPush({ id: item.id })).rejects.toMatchObject({
      message: /This push went to .* now points to .*cannot be looked at from here/,
    })
  })

  it('a remembered post whose mark is gone is not updated: the push stops and says how to go on (bug: any post with the remembered id was taken as the story’s)', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    const post = desk.cms.posts.get(Number(item.remoteId))
    if (!post) throw new Error('no post')
    const unmarked = post.content.replace(/<!-- copydesk:[^>]*-->/, '')
    desk.cms.posts.set(post.id, { ...post, content: unmarked, title: 'Edited in WordPress' })
    await desk.revise(id, { headline: 'Quad ministers meet again' })
    const outcome = await desk.push(id, 'wordpress')
    expect(outcome.item).toMatchObject({
      state: 'failed',
      nextAttemptAt: null,
      lastError: expect.stringMatching(
        /remembered for this story, no longer carries its owner mark .*did not touch it.*<!-- copydesk:article /,
      ),
    })
    expect(desk.cms.posts.get(post.id)).toMatchObject({
      title: 'Edited in WordPress',
      content: unmarked,
    })
    expect(desk.cms.posts.size).toBe(1)
  })

  it('the background check stops watching a draft whose mark was taken out, and never publishes the story from it', async () => {
    await desk.configure({ wordpressStatus: 'draft' })
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    const post = desk.cms.posts.get(Number(item.remoteId))
    if (!post) throw new Error('no post')
    desk.cms.posts.set(post.id, {
      ...post,
      content: 'Reused for something else',
      status: 'publish',
    })
    desk.clock += 60_000
    await desk.ws.outbox.processDue()
    expect(await desk.article(id)).toMatchObject({ status: 'approved' })
    expect((await desk.outbox(id))[0]).toMatchObject({ remoteStatus: 'unowned' })
  })

  it('two posts carrying the story’s mark (a copy made in WordPress) are refused, not guessed between (bug: the first found was updated)', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    const original = desk.cms.posts.get(Number(item.remoteId))
    if (!original) throw new Error('no post')
    const copy = desk.cms.wordpress.addPost({
      ...original,
      title: 'Copy of the story',
      status: 'draft',
    })
    // The confirmation was lost: the post is looked for by its mark.
    await desk.ws.close()
    const file = join(desk.dataDir, 'outbox.json')
    const outbox = JSON.parse(await readFile(file, 'utf8'))
    await writeFile(file, JSON.stringify({ ...outbox, items: [], remoteIds: {} }))
    await desk.open()
    await desk.client.setProfile({ name: 'Vikram Desk', role: 'desk-chief' })
    await desk.revise(id, { headline: 'Quad ministers meet again' })
    const outcome = await desk.push(id, 'wordpress')
    expect(outcome.item.lastError).toMatch(
      new RegExp(
        `posts ${original.id} and ${copy.id} all carry this story's owner mark .*Duplicate Post`,
      ),
    )
    expect(desk.cms.posts.get(original.id)?.title).toBe(original.title)
    expect(desk.cms.posts.get(copy.id)?.title).toBe('Copy of the story')
  })
})

describe('WordPress: the owner mark is public', () => {
  it('is in the rendered page, as render_block leaves comments that are not block delimiters (the fake hid it)', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    const response = await fetch(`${desk.cms.url}/wp-json/wp/v2/posts/${item.remoteId ?? ''}`, {
      headers: {
        Authorization: `Basic ${Buffer.from(`desk:${FAKE_WP_PASSWORD}`).toString('base64')}`,
      },
    })
    const post = z
      .object({ content: z.object({ rendered: z.string() }) })
      .parse(await response.json())
    expect(post.content.rendered).toMatch(
      new RegExp(`^<!-- copydesk:article ${id} desk [0-9a-f-]{36} -->`),
    )
    expect(post.content.rendered).not.toContain('<!-- wp:')
  })
})

describe('WordPress: slugs as WordPress keeps them', () => {
  it('a Hindi story’s slug, stored percent-encoded by WordPress, raises no false notice and reads back decoded (bug: "WordPress gave the post the slug …" on every Hindi story)', async () => {
    const id = await desk.approvedStory('भारत-जापान वार्ता', { language: 'hi' })
    const { slug } = await desk.article(id)
    expect(slug).toBe('भारत-जापान-वार्ता')
    const { item } = await desk.push(id, 'wordpress')
    expect(desk.cms.posts.get(Number(item.remoteId))?.slug).toBe(
      encodeURIComponent(slug).toLowerCase(),
    )
    expect(item.notices).toEqual([])
    expect(item.remoteSlug).toBe(slug)

    const second = await desk.approvedStory('भारत-जापान वार्ता', { language: 'hi' })
    const clash = await desk.push(second, 'wordpress')
    expect(clash.item.notices.join(' ')).toMatch(
      /already has a post with the slug "भारत-जापान-वार्ता" that is not this story .*\(its slug is "भारत-जापान-वार्ता-2"\)/,
    )
  })

  it('an Author does not see another author’s post with the slug, yet the clash is told from the slug WordPress gives (bug: silent for Author-role users)', async () => {
    desk.cms.wordpress.role = 'author'
    const theirs = desk.cms.wordpress.addPost({ ...stranger, slug: 'budget-passed' })
    const id = await desk.approvedStory('Budget passed')
    const { item } = await desk.push(id, 'wordpress')
    expect(
      desk.cms.log.some((l) => l.startsWith('GET /wp-json/wp/v2/posts?slug=budget-passed')),
    ).toBe(true)
    expect(item.remoteId).not.toBe(String(theirs.id))
    expect(item.remoteSlug).toBe('budget-passed-2')
    expect(item.notices.join(' ')).toMatch(
      /already has a post with the slug "budget-passed" that is not this story \(one this WordPress user cannot see\): this story went to a new post \d+ \(its slug is "budget-passed-2"\)/,
    )
    expect(desk.cms.posts.get(theirs.id)?.content).toBe(stranger.content)
  })

  it('a trashed post’s slug is free again, as WordPress renames it "…__trashed" (bug: the fake kept it and invented a clash)', async () => {
    await desk.configure({ wordpressStatus: 'publish' })
    const first = await desk.approvedStory('Budget passed')
    const sent = await desk.push(first, 'wordpress')
    desk.cms.wordpress.trash(Number(sent.item.remoteId))
    expect(desk.cms.posts.get(Number(sent.item.remoteId))?.slug).toBe('budget-passed__trashed')
    const second = await desk.approvedStory('Budget passed')
    const outcome = await desk.push(second, 'wordpress')
    expect(outcome.item).toMatchObject({ remoteSlug: 'budget-passed', notices: [] })
  })

  it('a slug changed after the first push goes to a draft post and is told; a live post keeps its address and the desk is told why (bug: never sent, nothing said)', async () => {
    await desk.configure({ wordpressStatus: 'draft' })
    const id = await desk.approvedStory('Budget passed')
    const { item } = await desk.push(id, 'wordpress')
    const postId = Number(item.remoteId)
    const renamed = async (headline: string) => {
      await desk.client.transition({ id, action: 'spike' })
      await desk.client.transition({ id, action: 'unspike' })
      await desk.client.setProfile({ name: 'Asha Rao', role: 'writer' })
      const { revision } = await desk.article(id)
      await desk.client.saveArticle({ id, baseRevision: revision, changes: { headline } })
      await desk.client.transition({ id, action: 'submit' })
      await desk.client.setProfile({ name: 'Vikram Desk', role: 'desk-chief' })
      await desk.client.transition({ id, action: 'approve' })
    }
    await renamed('Budget passed by parliament')
    const draft = await desk.push(id, 'wordpress')
    expect(desk.cms.posts.get(postId)?.slug).toBe('budget-passed-by-parliament')
    expect(draft.item.notices.join(' ')).toMatch(
      /slug was changed from "budget-passed" to "budget-passed-by-parliament"/,
    )

    desk.cms.wordpress.publish(postId)
    await renamed('Budget passed after a long night')
    const live = await desk.push(id, 'wordpress')
    expect(desk.cms.posts.get(postId)?.slug).toBe('budget-passed-by-parliament')
    expect(live.item.notices.join(' ')).toMatch(
      /slug is now "budget-passed-after-a-long-night", but WordPress post \d+ is live at "budget-passed-by-parliament": its address was kept/,
    )
  })

  it('an update never moves a post back: pending stays pending when the desk sends drafts (bug: pending went back to draft)', async () => {
    await desk.configure({ wordpressStatus: 'pending' })
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    await desk.configure({ wordpressStatus: 'draft' })
    await desk.revise(id, { headline: 'Quad ministers meet again' })
    const again = await desk.push(id, 'wordpress')
    expect(desk.cms.posts.get(Number(item.remoteId))?.status).toBe('pending')
    expect(again.item.remoteStatus).toBe('pending')
  })

  it('a post deleted while the update is under way is retried, with a message (bug: "Not sent to WordPress: . It will be tried again.")', async () => {
    const id = await desk.approvedStory()
    const { item } = await desk.push(id, 'wordpress')
    const postId = Number(item.remoteId)
    await desk.revise(id, { headline: 'Quad ministers meet again' })
    desk.cms.wordpress.onRequest = (method, url) => {
      if (method === 'POST' && url.pathname.endsWith(`/posts/${postId}`))
        desk.cms.posts.delete(postId)
    }
    const outcome = await desk.push(id, 'wordpress')
    expect(outcome.item).toMatchObject({
      state: 'failed',
      lastError: `WordPress post ${postId} was deleted while this push was under way; it will be tried again, as a new post`,
    })
    expect(outcome.item.nextAttemptAt).not.toBeNull()
    expect(outcome.message).not.toMatch(/: \. /)
    desk.cms.wordpress.onRequest = undefined
    expect(await desk.client.retryPush({ id: outcome.item.id })).toMatchObject({ state: 'sent' })
  })
})

describe('WordPress: the story’s language', () => {
  it('a story in another language than the desk’s marks its text with lang, and sets Polylang’s language where the site runs it', async () => {
    desk.cms.wordpress.polylang = [
      { slug: 'en', locale: 'en_US', name: 'English' },
      { slug: 'hi', locale: 'hi_IN', name: 'हिन्दी' },
    ]
    const id = await desk.approvedStory('भारत-जापान वार्ता', { language: 'hi-IN' })
    const { item } = await desk.push(id, 'wordpress')
    const post = desk.cms.posts.get(Number(item.remoteId))
    expect(post?.lang).toBe('hi')
    expect(desk.cms.log.some((l) => /^POST \/wp-json\/wp\/v2\/posts\?lang=hi$/.test(l))).toBe(true)
    expect(post?.content).toContain(
      '<p><span lang="hi-IN"><strong>Tokyo, Jan 23</strong>: Ministers met.</span></p>',
    )
    expect(item.notices).toEqual([])

    const english = await desk.approvedStory('Quad ministers meet')
    const sent = await desk.push(english, 'wordpress')
    const englishPost = desk.cms.posts.get(Number(sent.item.remoteId))
    expect(englishPost?.lang).toBe('en')
    expect(englishPost?.content).not.toContain(' lang=')
  })

  it('a language Polylang does not have is told, and the text still carries it; a site without Polylang gets the markup only', async () => {
    desk.cms.wordpress.polylang = [{ slug: 'en', locale: 'en_US', name: 'English' }]
    const id = await desk.approvedStory('Ministerit tapasivat', { language: 'fi' })
    const { item } = await desk.push(id, 'wordpress')
    expect(item.notices.join(' ')).toMatch(
      /Polylang on this WordPress site has no language for "fi" \(it has English \(en\)\)/,
    )
    expect(desk.cms.posts.get(Number(item.remoteId))?.content).toContain('<span lang="fi">')

    desk.cms.wordpress.polylang = null
    const plain = await desk.approvedStory('Ministrar möttes', { language: 'sv' })
    const sent = await desk.push(plain, 'wordpress')
    expect(sent.item.notices).toEqual([])
    expect(desk.cms.posts.get(Number(sent.item.remoteId))?.content).toContain('<span lang="sv">')
  })
})
