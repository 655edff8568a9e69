import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readMetadata } from './readMetadata'

const fixture = async (name: string) =>
  new Uint8Array(await readFile(join(import.meta.dirname, '../../../tests/fixtures/media', name)))

describe('readMetadata: newsroom metadata from real tagged photos (made with exiftool)', () => {
  it('reads caption, credit, creator, copyright and alt text from IPTC and XMP', async () => {
    expect(await readMetadata(await fixture('tagged.jpg'))).toEqual({
      caption: 'Firefighters tackle a blaze at a warehouse in Pune on Monday.',
      credit: 'Copydesk Photo Agency',
      creator: 'Asha Rao',
      copyright: '© 2026 Copydesk Photo Agency',
      altText: 'Three firefighters spray water at a burning two-storey warehouse at dusk.',
    })
  })

  it('never takes the caption for alt text when the photo has no IPTC alt text', async () => {
    const metadata = await readMetadata(await fixture('caption-only.jpg'))
    expect(metadata.caption).toBe('Crowds gather at the Gateway of India.')
    expect(metadata.altText).toBe('')
  })

  // exifr reads IPTC-IIM one character per byte whatever CodedCharacterSet says: "Café" came out "CafÃ©".
  it('reads IPTC-IIM written in UTF-8 (no XMP) as UTF-8, several creators joined', async () => {
    expect(await readMetadata(await fixture('iptc-utf8.jpg'))).toMatchObject({
      caption: 'Café owners in Zürich reopen — “finally”.',
      credit: 'Agência Lusa',
      creator: 'José Núñez, Ana Ruiz',
    })
  })

  it('reads IPTC-IIM written in Latin-1 as Latin-1', async () => {
    expect(await readMetadata(await fixture('iptc-latin1.jpg'))).toMatchObject({
      caption: 'Café owners in Zürich reopen.',
      credit: 'Agência Lusa',
    })
  })

  it('reads XMP in a PNG', async () => {
    expect(await readMetadata(await fixture('xmp.png'))).toEqual({
      caption: 'A chart of monsoon rainfall by district.',
      credit: 'Copydesk Graphics',
      creator: 'Data desk',
      copyright: '',
      altText: 'Bar chart: Pune had the most rain, Nagpur the least.',
    })
  })

  it('gives empty fields for a photo without metadata, and for bytes it cannot read', async () => {
    const empty = { caption: '', credit: '', creator: '', copyright: '', altText: '' }
    expect(await readMetadata(await fixture('small.jpg'))).toEqual(empty)
    expect(await readMetadata(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 1]))).toEqual(
      empty,
    )
  })
})
