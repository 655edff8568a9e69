import { afterEach, describe, expect, it } from 'vitest'
import { CmsDesk } from '../../tests/support/cmsDesk'
import { FAKE_WP_PASSWORD } from '../../tests/support/fakeCms'
import { wordPressError } from './wordPressError'

const forbiddenStatus = {
  code: 'rest_invalid_param',
  message: 'Invalid parameter(s): status',
  data: { status: 400, params: { status: 'Status is forbidden.' } },
}

describe('wordPressError: the cause on an http:// site is the address, not the password', () => {
  it('a site on plain http:// that is not local is told to use https, whatever the refusal looked like (bug: the password was blamed)', () => {
    for (const [status, body] of [
      [400, forbiddenStatus],
      [401, { code: 'rest_not_logged_in', message: 'You are not currently logged in.', data: {} }],
      [
        401,
        {
          code: 'incorrect_password',
          message: 'The provided password is an invalid application password.',
          data: {},
        },
      ],
    ] as const) {
      const error = wordPressError(status, body, 'http://news.example')
      expect(error.message).toMatch(
        /^WordPress at http:\/\/news\.example does not accept application passwords over http:\/\/ .*use the site's https:\/\/ address in Desk settings/,
      )
      expect(error.message).not.toMatch(/did not accept the user name/)
      expect(error.retry).toBe(false)
    }
  })

  it('application_passwords_disabled names the cause on any address; the per-user refusal names the administrator', () => {
    const disabled = wordPressError(
      401,
      {
        code: 'application_passwords_disabled',
        message: 'Application passwords are not available.',
        data: {},
      },
      'https://news.example',
    )
    expect(disabled.message).toMatch(/does not accept application passwords over http:\/\//)
    const forUser = wordPressError(
      401,
      {
        code: 'application_passwords_disabled_for_user',
        message: 'Application passwords are not available for your account.',
        data: {},
      },
      'https://news.example',
    )
    expect(forUser.message).toMatch(
      /does not let this user sign in with an application password .*administrator/,
    )
  })

  it('on https or a local address the password is what is checked; inside Desk settings it does not send the desk back to Desk settings', () => {
    const push = wordPressError(
      401,
      { code: 'incorrect_password', message: 'x', data: {} },
      'https://news.example',
    )
    expect(push.message).toMatch(
      /^WordPress did not accept the user name or application password; check them in Desk settings/,
    )
    const local = wordPressError(400, forbiddenStatus, 'http://localhost:8080')
    expect(local.message).toMatch(/^WordPress did not accept the user name or application password/)
    const signIn = wordPressError(
      401,
      { code: 'incorrect_password', message: 'x', data: {} },
      'https://news.example',
      'sign-in',
    )
    expect(signIn.message).not.toMatch(/Desk settings/)
    expect(signIn.message).toMatch(/Users › Profile › Application Passwords/)
  })
})

describe('a WordPress site without application passwords, seen from the desk', () => {
  let desk: CmsDesk
  afterEach(() => desk.close())

  it('Test connection says application passwords are not available, even with the right password (fake: an http site)', async () => {
    desk = await CmsDesk.start()
    desk.cms.wordpress.applicationPasswords = false
    const result = await desk.client.testConnection({
      target: 'wordpress',
      password: FAKE_WP_PASSWORD,
    })
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(
      /does not accept application passwords over http:\/\/.*application_passwords_disabled/,
    )
  })

  it('saving an http:// WordPress address that is not local warns that it cannot work and would send the password in the clear', async () => {
    desk = await CmsDesk.start()
    const settings = await desk.client.getSettings({})
    const saved = await desk.client.saveSettings({
      ...settings,
      wordpressUrl: 'http://news.example',
    })
    expect(saved.cleared).toEqual(['wordpressPassword'])
    expect(saved.warnings).toEqual([
      expect.stringMatching(
        /WordPress site URL is http:\/\/ .*only over HTTPS .*unencrypted\. Use the site's https:\/\/ address\./,
      ),
    ])
    const local = await desk.client.saveSettings({
      ...settings,
      wordpressUrl: 'http://localhost:8080',
    })
    expect(local.warnings).toEqual([])
  })
})
