import { describe, expect, it } from 'vitest'
import { isOwnPageUrl } from './isOwnPageUrl'

describe('isOwnPageUrl (which IPC senders are ours)', () => {
  const page = 'file:///opt/copydesk/out/renderer/index.html'
  it('accepts the app page, whatever its hash', () => {
    expect(isOwnPageUrl('file:///opt/copydesk/out/renderer/index.html#/article/x', page)).toBe(true)
  })
  it.each([
    'file:///tmp/evil.html',
    'file:///opt/copydesk/out/renderer/other.html',
    'https://evil.example/out/renderer/index.html',
    'about:blank',
    'not a url',
  ])('refuses %s', (url) => expect(isOwnPageUrl(url, page)).toBe(false))
  it('matches a dev server by origin', () => {
    expect(isOwnPageUrl('http://localhost:5173/#/queue', 'http://localhost:5173/')).toBe(true)
    expect(isOwnPageUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
  })
})
