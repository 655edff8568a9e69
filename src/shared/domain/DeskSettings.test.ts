import { describe, expect, it } from 'vitest'
import { DeskSettings } from './DeskSettings'

describe('DeskSettings: CMS addresses', () => {
  it('refuses a user name or password inside the WordPress or webhook URL (bug: stored, shown, and every push failed)', () => {
    for (const key of ['wordpressUrl', 'webhookUrl']) {
      const parsed = DeskSettings.safeParse({ [key]: 'https://desk:secret@news.example/' })
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues[0]).toMatchObject({
        path: [key],
        message: expect.stringMatching(/Leave the user name and password out of the address/),
      })
    }
    expect(DeskSettings.safeParse({ wordpressUrl: 'https://news.example/blog' }).success).toBe(true)
  })
})

describe('DeskSettings: the desk time zone', () => {
  it('takes an IANA name or nothing (the computer’s), and refuses anything else by name', () => {
    expect(DeskSettings.parse({}).timeZone).toBe('')
    expect(DeskSettings.parse({ timeZone: 'Europe/Oslo' }).timeZone).toBe('Europe/Oslo')
    const parsed = DeskSettings.safeParse({ timeZone: 'CET+1' })
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['timeZone'],
      message: expect.stringContaining('IANA time zone'),
    })
  })
})

describe('DeskSettings: updates of the desktop app', () => {
  it('checks the stable channel unless the desk says otherwise, also for a settings file from before updates', () => {
    const { updates, ...before } = DeskSettings.parse({})
    expect(updates).toEqual({ enabled: true, channel: 'latest' })
    expect(DeskSettings.parse(before).updates).toEqual({ enabled: true, channel: 'latest' })
    expect(DeskSettings.parse({ updates: { enabled: false } }).updates).toEqual({
      enabled: false,
      channel: 'latest',
    })
    expect(DeskSettings.parse({ updates: { channel: 'beta' } }).updates.channel).toBe('beta')
  })

  it('refuses a channel the feed does not have, naming the setting', () => {
    const parsed = DeskSettings.safeParse({ updates: { enabled: true, channel: 'nightly' } })
    expect(parsed.error?.issues[0]?.path).toEqual(['updates', 'channel'])
  })
})

describe('DeskSettings: webhook pictures', () => {
  it('sends pictures base64-encoded unless the desk says otherwise, also for a settings file from before', () => {
    expect(DeskSettings.parse({ webhookUrl: 'https://cms.example.org/hook' })).toMatchObject({
      webhookPictures: 'base64',
      webhookPicturesUrl: '',
      webhookPicturesFolder: '',
    })
    expect(DeskSettings.safeParse({ webhookPictures: 'ftp' }).error?.issues[0]?.path).toEqual([
      'webhookPictures',
    ])
  })

  it('takes links with an http(s) address and a whole folder path, nothing else', () => {
    const links = DeskSettings.parse({
      webhookPictures: 'links',
      webhookPicturesUrl: 'https://cdn.example.org/copydesk/',
      webhookPicturesFolder: '/srv/www/copydesk',
    })
    expect(links.webhookPictures).toBe('links')
    expect(DeskSettings.safeParse({ webhookPicturesFolder: 'C:\\www\\copydesk' }).success).toBe(
      true,
    )
    const relative = DeskSettings.safeParse({ webhookPicturesFolder: 'www/copydesk' })
    expect(relative.error?.issues[0]?.message).toMatch(/whole path of the folder/)
    const secret = DeskSettings.safeParse({ webhookPicturesUrl: 'https://u:p@cdn.example.org/' })
    expect(secret.error?.issues[0]?.path).toEqual(['webhookPicturesUrl'])
  })
})
