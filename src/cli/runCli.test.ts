import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Article } from '../shared/domain/Article'
import { DataDirLock } from '../main/store/DataDirLock'
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FAKE_WP_PASSWORD, FAKE_WP_USER, FakeCms } from '../../tests/support/fakeCms'
import { tempDir } from '../../tests/support/tempDir'
import { CLI_OPTIONS } from './cliOptions'
import { COMMANDS, runCli } from './runCli'
import { runCliCaptured } from '../../tests/support/runCliCaptured'

let dir: Awaited<ReturnType<typeof tempDir>>
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(() => dir.cleanup())

async function cli(...args: string[]) {
  return cliWithStdin(null, ...args)
}

function cliWithStdin(stdin: string | null, ...args: string[]) {
  return runCliCaptured(
    [...args, '--data-dir', dir.path],
    stdin === null ? {} : { stdin: async () => stdin },
  )
}

describe('copydesk CLI', () => {
  it('prints --help from the command declarations: every command and every option it reads', async () => {
    const help = await cli('--help')
    expect(help.code).toBe(0)
    for (const command of COMMANDS) expect(help.out).toMatch(new RegExp(`^  ${command.name} `, 'm'))
    for (const option of Object.keys(CLI_OPTIONS)) expect(help.out).toContain(`--${option}`)
  })

  it('creates, lists and gets articles, as text and as JSON', async () => {
    const created = await cli(
      'create',
      '--headline',
      'India, Japan forge stronger ties',
      '--summary',
      'Ministers met.',
      '--json',
    )
    expect(created.code).toBe(0)
    const article: unknown = JSON.parse(created.out)
    expect(article).toMatchObject({
      headline: 'India, Japan forge stronger ties',
      summary: 'Ministers met.',
      status: 'draft',
    })
    const id = typeof article === 'object' && article && 'id' in article ? String(article.id) : ''

    const list = await cli('list')
    expect(list.out).toContain('India, Japan forge stronger ties')
    expect(list.out).toContain(id)
    expect(JSON.parse((await cli('list', '--json')).out)).toHaveLength(1)
    expect((await cli('list', '--query', 'nothing-like-this')).out).toBe('No articles.')

    const got = await cli('get', id)
    expect(got.code).toBe(0)
    expect(got.out).toContain('draft · revision 1')
  })

  it('item 14: a feed that breaks limits imports trimmed, with the reasons; a kill is refused in one line', async () => {
    const { writeFile } = await import('node:fs/promises')
    const limits = `${dir.path}/limits.json`
    await writeFile(
      limits,
      JSON.stringify({
        uri: 'urn:x:limits',
        headlines: [{ role: 'main', value: `Headline ${'word '.repeat(140)}` }],
        bodies: [{ role: 'main', contentType: 'text/plain', value: 'Body.' }],
        infoSources: [{ name: 'Wire' }, { name: 'S'.repeat(320) }],
        people: [{ name: 'Asha Rao', uri: 'http://www.wikidata.org/entity/Q 42' }],
      }),
    )
    const trimmed = await cli('import', limits, '--create')
    expect(trimmed.code).toBe(0)
    expect(trimmed.out).toMatch(/Note: The headline was \d+ characters; cut to 500/)
    expect(trimmed.out).toMatch(/Created draft/)
    const kill = await cli('import', 'tests/fixtures/agency/ap-kill.ninjs.json', '--create')
    expect(kill.code).toBe(1)
    expect(kill.err.split('\n')).toEqual([
      'copydesk: tests/fixtures/agency/ap-kill.ninjs.json is an agency kill of “Ferry captain goes on trial in Tuscany”; no article was created. If it is a story, run again with --not-a-kill.',
    ])
    expect(kill.out).toMatch(/^KILL: KILL: The story headlined/m)
    expect(JSON.parse((await cli('list', '--json')).out)).toHaveLength(1)
  })

  it('finding 1: --not-a-kill imports copy misread as a kill; a kill is recorded on the story it withdraws', async () => {
    const earlier = await cli(
      'import',
      'tests/fixtures/agency/ap-trial.ninjs.json',
      '--create',
      '--json',
    )
    const { created } = z.object({ created: Article }).parse(JSON.parse(earlier.out))
    const kill = await cli('import', 'tests/fixtures/agency/ap-kill.ninjs.json', '--create')
    expect(kill.code).toBe(1)
    expect(kill.err).toMatch(
      new RegExp(
        `It is recorded on ${created.id}, which cannot be submitted or approved until a desk chief acknowledges it`,
      ),
    )
    const flagged = Article.parse(JSON.parse((await cli('get', created.id, '--json')).out))
    expect(flagged.agencyKill).toMatchObject({
      reason: expect.stringMatching(/^KILL:/),
      acknowledged: null,
    })

    const { writeFile } = await import('node:fs/promises')
    const misread = `${dir.path}/misread.json`
    await writeFile(
      misread,
      JSON.stringify({
        uri: 'urn:x:misread',
        headlines: [{ role: 'main', value: 'Talks withdrawn from agenda' }],
        bodies: [{ contentType: 'text/plain', value: 'The talks were taken off the agenda.' }],
        edNote: 'KILL the second paragraph if space is short.',
      }),
    )
    expect((await cli('import', misread, '--create')).code).toBe(1)
    const story = await cli('import', misread, '--create', '--not-a-kill')
    expect(story.code).toBe(0)
    expect(story.out).toMatch(/Note: Read as an agency kill \(KILL the second paragraph/)
    expect(story.out).toMatch(/Created draft/)
  })

  it('bug (finding 18): an empty file was created as an empty draft and exited 0', async () => {
    const { writeFile } = await import('node:fs/promises')
    const empty = `${dir.path}/empty.txt`
    await writeFile(empty, '\n\n')
    const result = await cli('import', empty, '--create')
    expect(result.code).toBe(1)
    expect(result.err.split('\n')).toEqual([
      'copydesk: empty.txt has nothing to import: no headline and no text (The text is empty.).',
    ])
    expect(JSON.parse((await cli('list', '--json')).out)).toHaveLength(0)
  })

  it('fails readably with a non-zero exit code', async () => {
    const missing = await cli('get', crypto.randomUUID())
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/^copydesk: Article .* was not found/)
    const json = await cli('get', 'not-an-id', '--json')
    expect(json.code).toBe(1)
    expect(JSON.parse(json.err)).toMatchObject({ error: { code: 'INVALID_INPUT' } })
    expect((await cli('frobnicate')).code).toBe(2)
    expect((await cli('create')).code).toBe(2)
    expect((await cli('list', '--bogus')).code).toBe(2)
  })

  // Regression (M4): an empty --data-dir opened the default desk (the app's own data folder).
  it('refuses an empty --data-dir instead of opening the default desk', async () => {
    const err: string[] = []
    const code = await runCli(['list', '--data-dir='], {
      out: () => undefined,
      err: (t) => err.push(t),
      env: { XDG_CONFIG_HOME: join(dir.path, 'config') },
    })
    expect(code).toBe(2)
    expect(err.join('\n')).toMatch(/^--data-dir needs a folder, e.g. --data-dir ~\/copydesk-data\./)
    await expect(readdir(dir.path)).resolves.toEqual([])
  })

  it('imports wire copy as a proposal, and creates it with --create', async () => {
    const proposal = await cli('import', 'tests/fixtures/wire-india-japan-ties.txt', '--json')
    expect(proposal.code).toBe(0)
    expect(JSON.parse(proposal.out)).toMatchObject({
      format: 'wire-text',
      fields: { credit: 'IANS' },
      created: null,
    })
    expect(JSON.parse((await cli('list', '--json')).out)).toEqual([])
    const created = await cli('import', 'tests/fixtures/wire-india-japan-ties.txt', '--create')
    expect(created.out).toMatch(/Created draft [0-9a-f-]{36}\./)
    expect(JSON.parse((await cli('list', '--json')).out)).toHaveLength(1)
    expect((await cli('import', 'no-such-file.txt')).code).toBe(1)
    expect((await cli('import')).code).toBe(2)
  })

  it('acts as the workstation profile: profile, transition, queue, history', async () => {
    expect((await cli('profile')).out).toMatch(/No profile yet/)
    expect((await cli('profile', 'set', '--name', 'Asha Rao', '--role', 'editor')).code).toBe(1)
    expect((await cli('profile', 'set', '--name', 'Asha Rao', '--role', 'writer')).out).toBe(
      'Asha Rao (Writer)',
    )
    const created = JSON.parse(
      (await cli('import', 'tests/fixtures/wire-india-japan-ties.txt', '--create', '--json')).out,
    )
    const id: string = created.created.id
    expect((await cli('transition', id, 'approve')).err).toMatch(
      /not possible for a story that is draft/,
    )
    expect((await cli('transition', id, 'submit')).code).toBe(0)
    const refused = await cli('transition', id, 'approve')
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/for a desk chief/)
    expect(JSON.parse((await cli('queue', '--json')).out)).toMatchObject([
      { id, status: 'submitted' },
    ])
    await cli('profile', 'set', '--name', 'Vikram Desk', '--role', 'desk-chief')
    expect((await cli('transition', id, 'request_changes')).err).toMatch(
      /What needs to change is required/,
    )
    expect(
      (await cli('transition', id, 'request_changes', '--note', 'Trim the summary')).code,
    ).toBe(0)
    const history = JSON.parse((await cli('history', id, '--json')).out)
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'transition:submit',
      'transition:request_changes',
    ])
    expect((await cli('history', id)).out).toMatch(
      /Vikram Desk\s+transition:request_changes submitted → changes_requested — Trim the summary/,
    )
  })

  it('exports and validates for desks that automate', async () => {
    const created = JSON.parse(
      (await cli('import', 'tests/fixtures/wire-india-japan-ties.txt', '--create', '--json')).out,
    )
    const id: string = created.created.id
    expect((await cli('validate', id)).out).toBe('Valid.')
    const out = `${dir.path}/exports`
    expect((await cli('export', '--out', out)).out).toBe('Nothing to export.')
    const preview = await cli('export', id, '--out', out, '--format', 'ninjs')
    expect(preview.out).toMatch(
      /^PREVIEW .*india-japan-forge-stronger-ties.*\.preview\.ninjs\.json/,
    )
    const bare = JSON.parse((await cli('create', '--headline', 'Bare', '--json')).out)
    const invalid = await cli('validate', bare.id)
    expect(invalid.code).toBe(1)
    expect(invalid.out).toMatch(/dateline: \/dateline\/place/)
    expect((await cli('export', bare.id, '--out', out)).code).toBe(1)
    expect((await cli('export', id)).code).toBe(2)
  })

  it('pushes through the outbox and exits non-zero while the CMS is unreachable', async () => {
    await cli('profile', 'set', '--name', 'Vikram Desk', '--role', 'desk-chief')
    const created = JSON.parse(
      (await cli('import', 'tests/fixtures/wire-india-japan-ties.txt', '--create', '--json')).out,
    )
    const id: string = created.created.id
    expect((await cli('push', id)).err).toMatch(/Only approved stories|No webhook URL/)
    expect((await cli('outbox')).out).toBe('The outbox is empty.')
  })

  it('refuses to run while the app holds the data directory', async () => {
    const lock = await DataDirLock.acquire(dir.path, 'desktop app')
    const result = await cli('list')
    await lock.release()
    expect(result.code).toBe(1)
    expect(result.err).toMatch(/in use by Copydesk \(desktop app/)
  })
})

describe('copydesk settings and target (configuring without the app)', () => {
  it('gets and sets settings through the same schema, with one clear line for a wrong key or value', async () => {
    const all = await cli('settings', 'get')
    expect(all.code).toBe(0)
    expect(all.out).toMatch(/^headlineLimit +70$/m)
    expect(all.out).toMatch(/^wordpressPassword +\(not set\)$/m)
    expect(JSON.parse((await cli('settings', 'get', '--json')).out)).toMatchObject({
      summaryLimit: 200,
    })
    expect((await cli('settings', 'get', 'wordpressDeck')).out).toBe('standfirst')

    expect(await cli('settings', 'set', 'summaryLimit', '300')).toMatchObject({
      code: 0,
      out: 'summaryLimit = 300',
    })
    expect((await cli('settings', 'get', 'summaryLimit', '--json')).out).toBe('300')
    expect((await cli('settings', 'set', 'fourEyes', 'off')).out).toBe('fourEyes = false')
    expect((await cli('settings', 'set', 'spellcheckLanguages', 'en-GB, hi')).out).toBe(
      'spellcheckLanguages = en-GB, hi',
    )
    await cli('settings', 'set', 'wordpressSourceRel', 'noopener nofollow')

    const tooSmall = await cli('settings', 'set', 'summaryLimit', '3')
    expect(tooSmall.code).toBe(1)
    expect(tooSmall.err).toMatch(/^copydesk: summaryLimit: Too small/)
    const badRel = await cli('settings', 'set', 'wordpressLinkRel', 'follow-me')
    expect(badRel).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^copydesk: wordpressLinkRel: Use rel keywords/),
    })
    const unknown = await cli('settings', 'set', 'colour', 'blue')
    expect(unknown.code).toBe(2)
    expect(unknown.err).toMatch(/^copydesk: Unknown setting "colour"\. Settings: headlineLimit/)
    const secret = await cli('settings', 'set', 'wordpressPassword', 'x')
    expect(secret).toMatchObject({
      code: 2,
      err: expect.stringMatching(/is a secret .*--password-stdin/),
    })
    expect((await cli('settings', 'get')).out).toMatch(/^summaryLimit +300$/m)
  })

  it('turns app updates off and pins a channel by dotted name, keeping the rest of the group', async () => {
    const all = await cli('settings', 'get')
    expect(all.out).toMatch(/^updates\.enabled +true$/m)
    expect(all.out).toMatch(/^updates\.channel +latest$/m)
    expect((await cli('settings', 'set', 'updates.channel', 'beta')).out).toBe(
      'updates.channel = beta',
    )
    expect((await cli('settings', 'set', 'updates.enabled', 'off')).out).toBe(
      'updates.enabled = false',
    )
    expect(JSON.parse((await cli('settings', 'get', '--json')).out)).toMatchObject({
      updates: { enabled: false, channel: 'beta' },
    })
    expect((await cli('settings', 'get', 'updates.channel', '--json')).out).toBe('"beta"')
    const nightly = await cli('settings', 'set', 'updates.channel', 'nightly')
    expect(nightly).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^copydesk: updates\.channel: /),
    })
    const group = await cli('settings', 'set', 'updates', 'off')
    expect(group.code).toBe(2)
    expect(group.err).toMatch(/Unknown setting "updates"\..*updates\.enabled, updates\.channel/)
  })

  it('sets the WordPress target with the password from stdin or a file, never from the command line, and tests it', async () => {
    const cms = await new FakeCms().start()
    try {
      const refused = await cli(
        'target',
        'set',
        'wordpress',
        '--url',
        cms.url,
        '--user',
        FAKE_WP_USER,
        '--password',
        FAKE_WP_PASSWORD,
      )
      expect(refused.code).toBe(2)
      expect(refused.err).toMatch(/shell history .*--password-stdin or --password-file FILE/)
      expect((await cli('settings', 'get', 'wordpressUrl')).out).toBe('(empty)')

      const set = await cliWithStdin(
        `${FAKE_WP_PASSWORD}\n`,
        'target',
        'set',
        'wordpress',
        '--url',
        cms.url,
        '--user',
        FAKE_WP_USER,
        '--status',
        'pending',
        '--password-stdin',
      )
      expect(set.code).toBe(0)
      expect(set.out).toContain(`WordPress: ${cms.url} as desk, posts as pending`)
      expect(set.out).toContain(`saved for ${cms.url} only`)
      expect(set.out).toContain('Signed in to WordPress as Desk Editor.')
      expect(await cli('target', 'test', 'wordpress')).toMatchObject({
        code: 0,
        out: 'Signed in to WordPress as Desk Editor.',
      })

      const file = join(dir.path, 'wp-password')
      await writeFile(file, 'wrong password\n')
      const wrong = await cli(
        'target',
        'set',
        'wordpress',
        '--url',
        cms.url,
        '--user',
        FAKE_WP_USER,
        '--password-file',
        file,
      )
      expect(wrong.code).toBe(1)
      expect(wrong.err).toMatch(
        /^copydesk: the target is saved, but: WordPress did not accept the user name or application password/,
      )
      const failing = await cli('target', 'test', 'wordpress')
      expect(failing.code).toBe(1)
      // Bug: a failed test printed without the copydesk: prefix every other failure has.
      expect(failing.err).toMatch(
        /^copydesk: WordPress did not accept the user name or application password/,
      )

      const moved = await cli(
        'target',
        'set',
        'wordpress',
        '--url',
        'https://elsewhere.example',
        '--user',
        FAKE_WP_USER,
      )
      expect(moved.err).toMatch(/application password was cleared/)
      expect((await cli('settings', 'get')).out).toMatch(/^wordpressPassword +\(not set\)$/m)
    } finally {
      await cms.stop()
    }
  })

  it('sets the webhook and its token from stdin', async () => {
    expect(
      (await cli('target', 'set', 'webhook', '--url', 'https://hooks.example/in', '--token', 't'))
        .code,
    ).toBe(2)
    const set = await cliWithStdin(
      'tok-123',
      'target',
      'set',
      'webhook',
      '--url',
      'https://hooks.example/in',
      '--token-stdin',
    )
    expect(set).toMatchObject({ code: 0 })
    expect((await cli('settings', 'get')).out).toMatch(/^webhookToken +\(saved\)$/m)
    expect((await cli('target', 'set', 'webhook')).code).toBe(2)
    expect((await cli('settings', 'frob')).code).toBe(2)
  })

  it('refuses ambiguous or unreadable secret options with a usage error, and a URL with a password in it (bugs: waited silently on a terminal; both options, or --user for a webhook, were taken)', async () => {
    const out: string[] = []
    const err: string[] = []
    const onTerminal = await runCli(
      [
        'target',
        'set',
        'wordpress',
        '--url',
        'https://news.example',
        '--user',
        'desk',
        '--password-stdin',
        '--data-dir',
        dir.path,
      ],
      {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        env: {},
        stdin: () => new Promise(() => undefined),
        stdinIsTTY: true,
      },
    )
    expect(onTerminal).toBe(2)
    expect(err.join('\n')).toMatch(
      /^copydesk: --password-stdin reads a password piped in .*nothing is piped/,
    )

    const file = join(dir.path, 'pw')
    await writeFile(file, 'secret\n')
    const both = await cliWithStdin(
      'secret',
      'target',
      'set',
      'wordpress',
      '--url',
      'https://news.example',
      '--user',
      'desk',
      '--password-stdin',
      '--password-file',
      file,
    )
    expect(both).toMatchObject({
      code: 2,
      err: expect.stringMatching(/one way: --password-stdin or --password-file FILE, not both/),
    })
    const webhookUser = await cli(
      'target',
      'set',
      'webhook',
      '--url',
      'https://hooks.example/in',
      '--user',
      'desk',
    )
    expect(webhookUser).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--user and --status are for WordPress/),
    })
    const wrongSecret = await cli(
      'target',
      'set',
      'webhook',
      '--url',
      'https://hooks.example/in',
      '--password-file',
      file,
    )
    expect(wrongSecret).toMatchObject({
      code: 2,
      err: expect.stringMatching(/takes a token .*not a password/),
    })

    const userinfo = await cli(
      'target',
      'set',
      'webhook',
      '--url',
      'https://desk:secret@hooks.example/in',
    )
    expect(userinfo).toMatchObject({
      code: 1,
      err: expect.stringMatching(
        /^copydesk: webhookUrl: Leave the user name and password out of the address/,
      ),
    })
    expect((await cli('settings', 'get', 'webhookUrl')).out).toBe('(empty)')

    const plain = await cli('settings', 'set', 'wordpressUrl', 'http://news.example')
    expect(plain).toMatchObject({
      code: 0,
      err: expect.stringMatching(
        /^copydesk: warning: The WordPress site URL is http:\/\/ .*https:\/\/ address/,
      ),
    })
  })

  it('shows a correction note waiting with the story, and exports it with --correction (bug: the note could not be seen)', async () => {
    await cli('profile', 'set', '--name', 'Asha Rao', '--role', 'writer')
    const { id } = JSON.parse(
      (await cli('import', 'tests/fixtures/wire-india-japan-ties.txt', '--create', '--json')).out,
    ).created
    await cli('transition', id, 'submit')
    await cli('profile', 'set', '--name', 'Vikram Desk', '--role', 'desk-chief')
    await cli('transition', id, 'approve')
    await cli('transition', id, 'publish')
    await cli('transition', id, 'reopen', '--note', 'Wrong title')
    await cli('transition', id, 'approve')
    const out = join(dir.path, 'out')
    const refused = await cli('export', id, '--out', out)
    expect(refused).toMatchObject({
      code: 1,
      err: expect.stringMatching(
        /was published before: exporting it again as final copy needs a correction note/,
      ),
    })
    const note = 'An earlier version misnamed the minister.'
    expect(await cli('export', id, '--out', out, '--correction', note)).toMatchObject({ code: 0 })
    const shown = await cli('get', id)
    expect(shown.out).toContain(`Correction note waiting to be published (Vikram Desk): ${note}`)
    expect(shown.out).toContain(`copydesk push ${id} --correction TEXT`)
  })
})
