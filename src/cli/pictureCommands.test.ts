import { copyFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import exifr from 'exifr'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../tests/support/tempDir'
import { runCliCaptured } from '../../tests/support/runCliCaptured'

const fixtures = join(import.meta.dirname, '../../tests/fixtures/media')
let dir: Awaited<ReturnType<typeof tempDir>>
let files: Awaited<ReturnType<typeof tempDir>>
beforeEach(async () => {
  dir = await tempDir()
  files = await tempDir()
})
afterEach(async () => {
  await dir.cleanup()
  await files.cleanup()
})

function cli(...args: string[]) {
  return runCliCaptured([...args, '--data-dir', dir.path])
}

async function story(): Promise<string> {
  const created = await cli('create', '--headline', 'Warehouse fire in Pune', '--json')
  expect(created.code).toBe(0)
  const { id } = JSON.parse(created.out) as { id: string }
  return id
}

describe('copydesk picture', () => {
  it('adds a tagged photo as the lead picture, its words prefilled from IPTC/XMP, and lists it', async () => {
    const id = await story()
    const added = await cli('picture', 'add', id, join(fixtures, 'tagged.jpg'), '--lead')
    expect(added.err).toBe('')
    expect(added.code).toBe(0)
    expect(added.out).toContain('tagged.jpg, JPEG, 60 × 40 px, 4.7 KB')
    expect(added.out).toContain(
      'Caption:    Firefighters tackle a blaze at a warehouse in Pune on Monday.',
    )
    expect(added.out).toContain('Credit:     Copydesk Photo Agency')
    expect(added.out).toContain(
      'Alt text:   Three firefighters spray water at a burning two-storey warehouse at dusk.',
    )
    expect(added.out).toContain('Renditions: web 40 × 60 JPEG, thumbnail 40 × 60 JPEG')

    const listed = await cli('picture', 'list', id, '--json')
    expect(listed.code).toBe(0)
    const { pictures } = JSON.parse(listed.out) as {
      pictures: {
        role: string
        picture: Record<string, string>
        record: { renditions: { id: string }[] }
      }[]
    }
    expect(pictures).toHaveLength(1)
    expect(pictures[0]).toMatchObject({
      role: 'lead',
      picture: { creator: 'Asha Rao', copyright: '© 2026 Copydesk Photo Agency' },
    })
    // What leaves Copydesk is the rendition: no GPS in it.
    const web = pictures[0]?.record.renditions[0]
    if (!web) throw new Error('no rendition')
    const { readFile } = await import('node:fs/promises')
    expect(await exifr.gps(await readFile(join(dir.path, 'media', web.id)))).toBeUndefined()

    const got = await cli('get', id, '--json')
    expect(JSON.parse(got.out)).toMatchObject({
      revision: 2,
      leadPicture: { mediaId: pictures[0]?.picture['mediaId'] },
    })
  })

  it('takes the words given over the photo’s, and never takes the caption for alt text', async () => {
    const id = await story()
    const added = await cli(
      'picture',
      'add',
      id,
      join(fixtures, 'caption-only.jpg'),
      '--lead',
      '--credit',
      'Reuters',
      '--json',
    )
    expect(added.code).toBe(0)
    expect(JSON.parse(added.out)).toMatchObject({
      leadPicture: {
        caption: 'Crowds gather at the Gateway of India.',
        credit: 'Reuters',
        altText: '',
      },
    })
    const alt = await cli(
      'picture',
      'add',
      id,
      join(fixtures, 'caption-only.jpg'),
      '--lead',
      '--alt',
      'A crowd on a stone quay.',
    )
    expect(alt.out).toContain('Alt text:   A crowd on a stone quay.')
  })

  it('refuses an SVG named .jpg in one line, exit 1, and the story keeps no picture', async () => {
    const id = await story()
    const svg = join(files.path, 'photo.jpg')
    await writeFile(svg, '<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    const refused = await cli('picture', 'add', id, svg, '--lead')
    expect(refused).toMatchObject({ code: 1, out: '' })
    expect(refused.err).toMatch(
      /^copydesk: “photo\.jpg” is an SVG drawing .*\(JPEG, PNG, WebP, GIF or AVIF\)\.$/,
    )
    expect(refused.err.split('\n')).toHaveLength(1)
    expect((await cli('picture', 'list', id)).out).toBe('No pictures.')
  })

  it('says what is wrong in one line: a missing file, an unknown story, a file over the limit', async () => {
    const id = await story()
    const missing = await cli('picture', 'add', id, join(files.path, 'nope.jpg'), '--lead')
    expect(missing).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^copydesk: Cannot read .*nope\.jpg: there is no such file\.$/),
    })

    const unknown = await cli(
      'picture',
      'add',
      '00000000-0000-4000-8000-000000000000',
      join(fixtures, 'small.png'),
      '--lead',
    )
    expect(unknown).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^copydesk: Article .* was not found\.$/),
    })

    expect((await cli('settings', 'set', 'pictureMaxMegabytes', '1')).code).toBe(0)
    const big = join(files.path, 'big.jpg')
    await copyFile(join(fixtures, 'small.jpg'), big)
    await writeFile(big, Buffer.alloc(1_500_000), { flag: 'a' })
    const tooBig = await cli('picture', 'add', id, big, '--lead')
    expect(tooBig).toMatchObject({
      code: 1,
      err: "copydesk: “big.jpg” is 1.5 MB, over the desk's limit of 1 MB for a picture (Desk settings).",
    })
  })

  it('without --lead adds a figure at the end of the body; list names the lead picture and each figure', async () => {
    const id = await story()
    await cli('picture', 'add', id, join(fixtures, 'tagged.jpg'), '--lead')
    const added = await cli(
      'picture',
      'add',
      id,
      join(fixtures, 'small.png'),
      '--alt',
      'A test card',
    )
    expect(added.code).toBe(0)
    expect(added.out).toMatch(
      /^Picture at the end of the body of “.*” \(revision \d+\): small\.png, PNG/,
    )
    expect(added.out).toContain('  Alt text:   A test card')
    const json = await cli('picture', 'add', id, join(fixtures, 'small.png'), '--json')
    expect(JSON.parse(json.out)).toMatchObject({
      figure: { altText: '' },
      picture: { type: 'png' },
    })

    const stored = JSON.parse((await cli('get', id, '--json')).out)
    const figures = stored.body.content.filter((node: { type: string }) => node.type === 'figure')
    expect(figures).toHaveLength(2)
    expect(figures[0].attrs).toMatchObject({ altText: 'A test card' })
    const list = await cli('picture', 'list', id)
    expect(list.out).toMatch(/^Lead picture: JPEG/m)
    expect(list.out).toMatch(/^Picture 1 in the body: PNG/m)
    expect(list.out).toMatch(/^Picture 2 in the body: PNG/m)
    expect((await cli('picture', 'add', id)).code).toBe(2)
  })

  it('stores a picture added to two stories once', async () => {
    const first = await story()
    const second = await story()
    await cli('picture', 'add', first, join(fixtures, 'tagged.jpg'), '--lead')
    await cli('picture', 'add', second, join(fixtures, 'tagged.jpg'), '--lead')
    const names = (await readdir(join(dir.path, 'media'))).filter((n) => !n.endsWith('.json'))
    expect(names).toHaveLength(3)
  })
})

describe('copydesk picture fetch', () => {
  it('downloads over https only, and says when a story has no agency picture waiting', async () => {
    const id = await story()
    const none = await cli('picture', 'fetch', id)
    expect(none.code).not.toBe(0)
    expect(none.err).toContain(
      "“Warehouse fire in Pune” has no agency picture waiting to be downloaded: give the picture's https address.",
    )
    const plain = await cli('picture', 'fetch', id, 'http://example.com/fire.jpg')
    expect(plain.code).not.toBe(0)
    expect(plain.err).toContain(
      'Pictures are downloaded over https only: “http://example.com/fire.jpg” is http.',
    )
    const inward = await cli('picture', 'fetch', id, 'https://127.0.0.1:8443/fire.jpg')
    expect(inward.err).toContain('an address on this machine or the local network')
  })
})
