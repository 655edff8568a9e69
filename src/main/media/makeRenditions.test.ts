import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import exifr from 'exifr'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { checkPicture } from '../../shared/media/checkPicture'
import { readMetadata } from './readMetadata'
import { makeRenditions, type RenditionOptions } from './makeRenditions'

const fixture = async (name: string) =>
  new Uint8Array(await readFile(join(import.meta.dirname, '../../../tests/fixtures/media', name)))
const limits = { maxBytes: 50_000_000, maxPixels: 100_000_000 }

async function renditionsOf(name: string, options: Partial<RenditionOptions> = {}) {
  const original = await fixture(name)
  return makeRenditions(original, {
    quality: 82,
    maxPixels: limits.maxPixels,
    keepCopyright: true,
    keepCredit: true,
    metadata: await readMetadata(original),
    ...options,
  })
}

/** Everything exifr finds in a file, every group, merged. */
const everything = async (data: Uint8Array) =>
  (await exifr.parse(data, {
    tiff: true,
    exif: true,
    gps: true,
    ifd1: true,
    interop: true,
    iptc: true,
    xmp: true,
    makerNote: true,
    userComment: true,
  })) ?? {}

describe('makeRenditions', () => {
  it('makes a web rendition and a thumbnail with no GPS position, no serial numbers and no other EXIF', async () => {
    const original = await fixture('tagged.jpg')
    expect(await exifr.gps(original)).toMatchObject({ latitude: expect.closeTo(18.52, 2) })
    for (const rendition of await renditionsOf('tagged.jpg')) {
      const tags = await everything(rendition.data)
      expect(await exifr.gps(rendition.data)).toBeUndefined()
      const text = JSON.stringify(tags)
      for (const secret of ['SN-4471-9920', 'LENS-0042', 'ExampleCam', 'X100', 'Asha Rao', '18.52'])
        expect(text, `${rendition.name} still carries ${secret}`).not.toContain(secret)
      expect(
        Object.keys(tags).filter((key) => /GPS|Serial|Make|Model|Owner|Artist/i.test(key)),
      ).toEqual([])
      expect(tags.Orientation).toBeUndefined()
    }
  })

  it('applies the EXIF orientation: a 60 × 40 photo tagged "rotate 90 CW" comes out 40 × 60, its left band on top', async () => {
    const original = await fixture('tagged.jpg')
    expect(checkPicture(original, limits)).toMatchObject({ width: 60, height: 40 })
    const [web] = await renditionsOf('tagged.jpg')
    expect(web).toMatchObject({ name: 'web', type: 'jpeg', width: 40, height: 60 })
    if (!web) throw new Error('no web rendition')
    expect(await sharp(web.data).metadata()).toMatchObject({ width: 40, height: 60 })
    // The yellow band was the left 20 columns; turned clockwise it is the top 20 rows.
    const { data } = await sharp(web.data).raw().toBuffer({ resolveWithObject: true })
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * 40 + x) * 3, (y * 40 + x) * 3 + 3),
    ]
    const colour = (x: number, y: number) => {
      const [r = 0, g = 0, b = 0] = pixel(x, y)
      if (r > 200 && g > 160 && b < 80) return 'yellow'
      if (b > 120 && r < 80) return 'blue'
      return `rgb(${r}, ${g}, ${b})`
    }
    expect([colour(20, 5), colour(20, 50), colour(2, 30), colour(37, 30)]).toEqual([
      'yellow',
      'blue',
      'blue',
      'blue',
    ])
  })

  it('keeps only the copyright notice and credit line, as the desk chooses', async () => {
    const [kept] = await renditionsOf('tagged.jpg')
    if (!kept) throw new Error('no rendition')
    const xmp = await exifr.parse(kept.data, { xmp: true, mergeOutput: false })
    expect(xmp).toMatchObject({
      dc: { rights: { value: '© 2026 Copydesk Photo Agency' } },
      photoshop: { Credit: 'Copydesk Photo Agency' },
    })
    expect(JSON.stringify(xmp)).not.toMatch(/Firefighters|Three firefighters|Asha Rao/)

    const [bare] = await renditionsOf('tagged.jpg', { keepCopyright: false, keepCredit: false })
    if (!bare) throw new Error('no rendition')
    expect(await exifr.parse(bare.data, { xmp: true, iptc: true, tiff: true })).toBeUndefined()
  })

  it('scales the web rendition to a long edge of 2,048 px and the thumbnail to 400 px, never enlarging', async () => {
    const big = await sharp({
      create: { width: 3000, height: 1500, channels: 3, background: '#336699' },
    })
      .jpeg()
      .toBuffer()
    const renditions = await makeRenditions(new Uint8Array(big), {
      quality: 60,
      maxPixels: limits.maxPixels,
      keepCopyright: true,
      keepCredit: true,
      metadata: { caption: '', credit: '', creator: '', copyright: '', altText: '' },
    })
    expect(renditions.map(({ name, width, height }) => ({ name, width, height }))).toEqual([
      { name: 'web', width: 2048, height: 1024 },
      { name: 'thumbnail', width: 400, height: 200 },
    ])
    const [small] = await renditionsOf('small.jpg')
    expect(small).toMatchObject({ width: 6, height: 4 })
  })

  it('makes a WebP for a picture with transparency, so the transparency is kept', async () => {
    const [web] = await renditionsOf('small-alpha.webp')
    expect(web).toMatchObject({ type: 'webp' })
    if (!web) throw new Error('no rendition')
    expect(await sharp(web.data).metadata()).toMatchObject({ format: 'webp', hasAlpha: true })
  })
})
