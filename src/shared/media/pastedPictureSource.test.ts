import { describe, expect, it } from 'vitest'
import { pastedPictureSource } from './pastedPictureSource'

describe('pastedPictureSource', () => {
  it('takes a base64 data: URL as the picture itself', () => {
    expect(pastedPictureSource('data:image/png;base64,iVBO Rw0K\nGgo=')).toEqual({
      kind: 'data',
      base64: 'iVBORw0KGgo=',
      name: 'pasted picture.png',
    })
  })

  it('asks about an https address', () => {
    expect(pastedPictureSource(' https://cdn.example.org/a b.jpg ')).toEqual({
      kind: 'https',
      url: 'https://cdn.example.org/a%20b.jpg',
    })
  })

  it.each([
    'http://cdn.example.org/a.jpg',
    'file:///home/me/a.jpg',
    'blob:https://x.example/1234',
    'cid:image001.png@01D9',
    '/images/a.jpg',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/svg+xml;utf8,<svg/>',
  ])('leaves out %s', (src) => {
    expect(pastedPictureSource(src)).toMatchObject({ kind: 'dropped' })
  })
})
