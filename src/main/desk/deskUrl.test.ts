import { describe, expect, it } from 'vitest'
import { deskUrl } from './deskUrl'

describe('deskUrl', () => {
  it('keeps an https address tidy: no trailing slash, a proxy path prefix kept', () => {
    expect(deskUrl(' https://Desk.Example.org/ ')).toEqual({
      ok: true,
      url: 'https://desk.example.org',
      origin: 'https://desk.example.org',
    })
    expect(deskUrl('https://news.example.org/desk/')).toMatchObject({
      url: 'https://news.example.org/desk',
    })
  })

  it('allows plain http only to this computer', () => {
    for (const local of ['http://127.0.0.1:4780', 'http://localhost:4780', 'http://[::1]:4780'])
      expect(deskUrl(local), local).toMatchObject({ ok: true })
    // A desk on the office network is still another computer: the password would cross it readable.
    for (const remote of [
      'http://192.168.1.20:4780',
      'http://desk.local',
      'http://desk.example.org',
      // Resolved through DNS by Node like any other name (bug: taken for this computer).
      'http://desk.localhost:4780',
    ])
      expect(deskUrl(remote), remote).toMatchObject({ ok: false, reason: 'plain-http' })
  })

  it('refuses what is not a desk address, saying what is wrong', () => {
    expect(deskUrl('desk.example.org')).toMatchObject({ reason: 'invalid-url' })
    expect(deskUrl('ftp://desk.example.org')).toMatchObject({
      message: expect.stringContaining('starts with https://'),
    })
    expect(deskUrl('https://ada:secret@desk.example.org')).toMatchObject({
      message: expect.stringContaining('no user name or password'),
    })
    expect(deskUrl('https://desk.example.org/?x=1')).toMatchObject({ reason: 'invalid-url' })
  })
})
