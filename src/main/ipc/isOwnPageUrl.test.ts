import { describe, expect, it } from 'vitest'
import { isOwnPageUrl } from './isOwnPageUrl'

describe('isOwnPageUrl (which IPC senders and navigations are ours)', () => {
  const page = 'app://copydesk/index.html'
  it('accepts the app page on app://copydesk/, whatever its hash', () => {
    expect(isOwnPageUrl('app://copydesk/index.html#/article/x', page)).toBe(true)
    expect(isOwnPageUrl('app://copydesk/#/queue', page)).toBe(true)
    expect(isOwnPageUrl('app://copydesk/index.html', page)).toBe(true)
  })
  it.each([
    // The page the app used to load, and any other file: the packaged app never loads file:// now.
    'file:///opt/copydesk/resources/app.asar/out/renderer/index.html',
    'file:///tmp/evil.html',
    'app://copydesk/assets/logo.svg',
    'app://copydesk/other.html',
    'app://evil/index.html',
    'app://copydesk.evil/index.html',
    'app://user@copydesk/index.html',
    'https://copydesk/index.html',
    'https://evil.example/index.html',
    'about:blank',
    'data:text/html,<h1>x</h1>',
    'not a url',
  ])('refuses %s', (url) => expect(isOwnPageUrl(url, page)).toBe(false))

  it('refuses every page when the app page is a file (no build loads one any more)', () => {
    const old = 'file:///opt/copydesk/out/renderer/index.html'
    expect(isOwnPageUrl(old, old)).toBe(false)
  })

  it('matches a development build’s dev server by origin', () => {
    expect(isOwnPageUrl('http://localhost:5173/#/queue', 'http://localhost:5173/')).toBe(true)
    expect(isOwnPageUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isOwnPageUrl('app://copydesk/index.html', 'http://localhost:5173/')).toBe(false)
  })
})
