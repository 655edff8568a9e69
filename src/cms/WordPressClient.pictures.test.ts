import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CmsDesk } from '../../tests/support/cmsDesk'

const fixtures = join(import.meta.dirname, '../../tests/fixtures/media')
let desk: CmsDesk
beforeEach(async () => {
  desk = await CmsDesk.start()
})
afterEach(() => desk.close())

const picture = async (file: string) => (await readFile(join(fixtures, file))).toString('base64')

/** An approved story with a lead picture and one figure after its paragraph. */
async function storyWithPictures(headline = 'Fire in the harbour'): Promise<string> {
  await desk.call('setProfile', { name: 'Asha Rao', role: 'writer' })
  const { id } = await desk.call('createArticle', {
    fields: {
      headline,
      dateline: { place: 'Gothenburg', date: '2026-01-23' },
      credit: 'TT',
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A warehouse burned.' }] }],
      },
    },
  })
  await desk.call('addPicture', {
    id,
    name: 'tagged.jpg',
    data: await picture('tagged.jpg'),
    as: 'lead',
    caption: 'The warehouse at dawn.',
    credit: 'Karin Fotograf/TT',
    altText: 'A fire engine outside a burning warehouse.',
  })
  await desk.call('addPicture', {
    id,
    name: 'small.png',
    data: await picture('small.png'),
    as: 'figure',
    caption: 'The map of the harbour.',
    credit: 'TT',
    altText: 'A map with the warehouse marked.',
  })
  await desk.call('transition', { id, action: 'submit' })
  await desk.call('setProfile', { name: 'Vikram Desk', role: 'desk-chief' })
  await desk.call('transition', { id, action: 'approve' })
  return id
}

/** POST /wp/v2/media (an upload, not an update) as the fake site saw them. */
const uploads = () => desk.cms.log.filter((line) => /^POST \/wp-json\/wp\/v2\/media\/?$/.test(line))

describe('WordPress: the story’s pictures go to the media library', () => {
  it('uploads each picture once with its alt text and caption, sets the featured image and puts the figure in its place', async () => {
    const id = await storyWithPictures()
    const { item } = await desk.push(id, 'wordpress')
    expect(item).toMatchObject({ state: 'sent', lastError: null })
    const media = [...desk.cms.wordpress.media.values()]
    expect(media).toHaveLength(2)
    const [lead, figure] = media
    if (!lead || !figure) throw new Error('two uploads expected')
    expect(lead).toMatchObject({
      mimeType: 'image/jpeg',
      altText: 'A fire engine outside a burning warehouse.',
      caption: 'The warehouse at dawn. <small class="credit">Karin Fotograf/TT</small>',
    })
    expect(figure.altText).toBe('A map with the warehouse marked.')
    // The web rendition as stored (metadata stripped), not the original file.
    const { pictures } = await desk.call('listPictures', { id })
    const web = pictures[0]?.record?.renditions.find((r) => r.name === 'web')
    if (!web) throw new Error('the lead picture has no web rendition')
    expect(lead.data.equals(Buffer.from(await desk.ws.media.read(web.id)))).toBe(true)
    expect(lead.data.equals(await readFile(join(fixtures, 'tagged.jpg')))).toBe(false)

    const post = desk.cms.posts.get(Number(item.remoteId))
    expect(post?.featuredMedia).toBe(lead.id)
    const url = desk.cms.wordpress.sourceUrl(figure)
    expect(post?.content).toContain(
      `<!-- wp:image {"id":${figure.id},"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="${url}" alt="A map with the warehouse marked." class="wp-image-${figure.id}"/><figcaption class="wp-element-caption">The map of the harbour. <small class="credit">TT</small></figcaption></figure>\n<!-- /wp:image -->`,
    )
    expect(post?.content.indexOf('A warehouse burned.')).toBeLessThan(
      post?.content.indexOf('wp:image') ?? -1,
    )
  })

  it('never uploads a picture a site already has: not on the next push, not for another story', async () => {
    const id = await storyWithPictures()
    await desk.push(id, 'wordpress')
    expect(uploads()).toHaveLength(2)
    await desk.revise(id, { headline: 'Fire in the harbour, two hurt' })
    const again = await desk.push(id, 'wordpress')
    expect(again.item.state).toBe('sent')
    const other = await storyWithPictures('Harbour reopens')
    const second = await desk.push(other, 'wordpress')
    expect(second.item.state).toBe('sent')
    expect(uploads()).toHaveLength(2)
    expect(desk.cms.wordpress.media.size).toBe(2)
    const lead = [...desk.cms.wordpress.media.values()][0]
    expect(desk.cms.posts.get(Number(second.item.remoteId))?.featuredMedia).toBe(lead?.id)

    // Remembered in the data folder: a restarted workstation does not send them again either.
    await desk.ws.close()
    await desk.open()
    await desk.revise(other, { headline: 'Harbour reopens on Monday' })
    expect((await desk.push(other, 'wordpress')).item.state).toBe('sent')
    expect(uploads()).toHaveLength(2)
  })

  it('words changed after the upload reach the site, unchanged ones are not sent again, and a removed lead picture leaves the post without one', async () => {
    const id = await storyWithPictures()
    await desk.push(id, 'wordpress')
    const describes = () =>
      desk.cms.log.filter((line) => /^POST \/wp-json\/wp\/v2\/media\/\d+$/.test(line)).length
    expect(describes()).toBe(2)
    const { leadPicture } = await desk.article(id)
    if (!leadPicture) throw new Error('the story has no lead picture')
    await desk.revise(id, {
      leadPicture: {
        ...leadPicture,
        altText: 'Two fire engines outside a burning warehouse.',
        caption: 'The warehouse at first light.',
      },
    })
    expect((await desk.push(id, 'wordpress')).item.state).toBe('sent')
    expect(uploads()).toHaveLength(2)
    expect(describes()).toBe(3)
    const [lead] = [...desk.cms.wordpress.media.values()]
    expect(lead?.altText).toBe('Two fire engines outside a burning warehouse.')
    expect(lead?.caption).toMatch(/^The warehouse at first light\./)

    await desk.revise(id, { headline: 'Fire in the harbour, two hurt' })
    await desk.push(id, 'wordpress')
    expect(describes()).toBe(3)

    await desk.revise(id, { leadPicture: null })
    const { item } = await desk.push(id, 'wordpress')
    expect(item.state).toBe('sent')
    expect(desk.cms.posts.get(Number(item.remoteId))?.featuredMedia).toBe(0)
  })

  it('an upload refused stops the push with the reason, no post is made; a retry sends only what is missing', async () => {
    const id = await storyWithPictures()
    let seen = 0
    desk.cms.wordpress.onRequest = (method, url) => {
      if (method === 'POST' && /\/wp\/v2\/media\/?$/.test(url.pathname)) seen += 1
      // The second upload is refused: the user lost upload_files (HTTP 400 rest_cannot_create).
      desk.cms.wordpress.canUpload = seen < 2
    }
    const failed = await desk.push(id, 'wordpress')
    expect(failed.item.state).toBe('failed')
    expect(failed.item.lastError).toMatch(
      /Sending figure 1 in the body to the WordPress media library failed, so the post was not sent: The WordPress user may not upload pictures to the media library \(rest_cannot_create/,
    )
    expect(failed.item.nextAttemptAt).toBeNull()
    expect(desk.cms.posts.size).toBe(0)
    expect(desk.cms.wordpress.media.size).toBe(1)

    desk.cms.wordpress.onRequest = undefined
    desk.cms.wordpress.canUpload = true
    const retried = await desk.call('retryPush', { id: failed.item.id })
    expect(retried.state).toBe('sent')
    expect(uploads()).toHaveLength(3)
    expect(desk.cms.wordpress.media.size).toBe(2)
    expect(desk.cms.posts.get(Number(retried.remoteId))?.content).toContain('wp:image')
  })

  it('an upload that went through before its alt text could be set is not sent again: the retry sets its words', async () => {
    const id = await storyWithPictures()
    desk.cms.wordpress.onRequest = (method, url) => {
      // The password is revoked between the upload and the alt text.
      if (method === 'POST' && /\/wp\/v2\/media\/\d+$/.test(url.pathname))
        desk.cms.wordpress.applicationPasswords = false
    }
    const failed = await desk.push(id, 'wordpress')
    expect(failed.item.lastError).toMatch(
      /Sending the lead picture to the WordPress media library failed/,
    )
    expect(desk.cms.posts.size).toBe(0)
    const [lead] = [...desk.cms.wordpress.media.values()]
    expect(lead?.altText).toBe('')

    desk.cms.wordpress.onRequest = undefined
    desk.cms.wordpress.applicationPasswords = true
    const retried = await desk.call('retryPush', { id: failed.item.id })
    expect(retried.state).toBe('sent')
    expect(uploads()).toHaveLength(2)
    expect(desk.cms.wordpress.media.get(lead?.id ?? 0)?.altText).toBe(
      'A fire engine outside a burning warehouse.',
    )
  })

  it('a file the web server finds too large (HTTP 413) is named as such', async () => {
    const id = await storyWithPictures()
    desk.cms.wordpress.uploadLimit = 10
    const failed = await desk.push(id, 'wordpress')
    expect(failed.item.lastError).toMatch(
      /the lead picture .*too large \(HTTP 413\); raise the web server's or PHP's upload limit/,
    )
    expect(desk.cms.posts.size).toBe(0)
  })
})
