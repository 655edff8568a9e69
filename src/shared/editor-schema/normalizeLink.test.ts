import { describe, expect, it } from 'vitest'
import { isAllowedLink, isLocalAddress, normalizeLink } from './normalizeLink'

describe('normalizeLink', () => {
  // Red team H3: a pasted bare address was kept as it was, and every save after was refused.
  it.each([
    ['www.reuters.com', 'https://www.reuters.com/'],
    ['example.org/path', 'https://example.org/path'],
    ['example.org:8080/x?y=1#z', 'https://example.org:8080/x?y=1#z'],
    ['desk@example.org', 'mailto:desk@example.org'],
  ])('gives the bare address %s its scheme', (href, stored) => {
    expect(normalizeLink(href)).toBe(stored)
  })

  // Red team M2: capitals were stored, and the publish schemas (case-sensitive) refused the export.
  it.each([
    ['HTTPS://WWW.AGENCY.EXAMPLE/STORY ', 'https://www.agency.example/STORY'],
    ['Mailto:Desk@Example.org', 'mailto:Desk@Example.org'],
    ['http://Example.org', 'http://example.org/'],
    ['https://bücher.example/ä', 'https://xn--bcher-kva.example/%C3%A4'],
  ])('writes %s the way the URL standard does', (href, stored) => {
    expect(normalizeLink(href)).toBe(stored)
  })

  it.each([
    ['a relative path', '/news/older'],
    ['a relative file', 'story.html'],
    ['an anchor', '#top'],
    ['a protocol-relative link', '//evil.example/x'],
    ['a UNC path', '\\\\host\\share'],
    ['a web address with backslashes', 'https:\\\\host\\x'],
    ['a Windows path', 'C:\\Users\\desk'],
    ['a file: link', 'file:///etc/passwd'],
    ['a javascript: link', ' JaVaScRiPt:alert(1)'],
    ['a web address without a host', 'https:///x'],
    ['an empty mailto', 'mailto:'],
    // Red team M2: whitespace was stripped from inside, so this was stored and failed the export.
    ['a no-break space inside the scheme', 'ht\u00a0tps://example.org/'],
    ['a space inside', 'https://example.org/a b'],
    ['a tab inside the scheme', 'java\tscript:alert(1)'],
    ['a control character', 'https://example.org/\u0007'],
  ])('has nothing for %s', (_name, href) => {
    expect(normalizeLink(href)).toBeNull()
    expect(isAllowedLink(href)).toBe(false)
  })

  it('allows only full addresses as typed: a bare one must be normalised first', () => {
    expect(isAllowedLink('https://x.org')).toBe(true)
    expect(isAllowedLink('HTTP://x.org/a?b#c')).toBe(true)
    expect(isAllowedLink('mailto:desk@x.org')).toBe(true)
    expect(isAllowedLink('www.x.org')).toBe(false)
  })
})

describe('isLocalAddress', () => {
  // Red team L7: links into a private network were stored and exported.
  it.each([
    'http://localhost:8080/admin',
    'http://10.0.0.5/',
    'http://192.168.1.20/cms',
    'http://172.20.0.1/',
    'http://127.0.0.1/',
    'http://[::1]/',
    'http://intranet/',
    'https://wiki.corp/page',
    'http://printer.local/',
  ])('knows %s reaches into a private network', (href) => {
    expect(isLocalAddress(href)).toBe(true)
  })

  it.each(['https://www.reuters.com/', 'http://172.32.0.1/', 'mailto:desk@localhost', '/x'])(
    'lets %s be',
    (href) => {
      expect(isLocalAddress(href)).toBe(false)
    },
  )
})
