import { describe, expect, it } from 'vitest'
import { cliInvocation, type LaunchFacts } from './cliInvocation'

const installed = (args: string[], over: Partial<LaunchFacts> = {}): LaunchFacts => ({
  argv: ['/opt/Copydesk/copydesk', ...args],
  defaultApp: false,
  invokedAs: '/opt/Copydesk/copydesk',
  execPath: '/opt/Copydesk/copydesk',
  ...over,
})

describe('cliInvocation (the installed app as the copydesk command)', () => {
  it('runs the CLI with the arguments after a first --cli', () => {
    expect(cliInvocation(installed(['--cli', 'list', '--status', 'approved']))).toEqual([
      'list',
      '--status',
      'approved',
    ])
    expect(cliInvocation(installed(['--cli']))).toEqual([])
  })

  it('lets a launcher put Chromium switches before --cli (headless Linux, AppImage)', () => {
    expect(cliInvocation(installed(['--headless', '--disable-gpu', '--cli', 'get', 'x']))).toEqual([
      'get',
      'x',
    ])
    expect(cliInvocation(installed(['--no-sandbox', '--cli', '--help']))).toEqual(['--help'])
  })

  it('skips the app path when started as `electron out/main/index.js --cli …`', () => {
    const dev = {
      argv: ['/x/node_modules/electron/dist/electron', 'out/main/index.js', '--cli', 'list'],
      defaultApp: true,
      invokedAs: 'electron',
      execPath: '/x/node_modules/electron/dist/electron',
    }
    expect(cliInvocation(dev)).toEqual(['list'])
  })

  it('opens the window otherwise: no arguments, a file to open, --cli later on', () => {
    expect(cliInvocation(installed([]))).toBeNull()
    expect(cliInvocation(installed(['story.ninjs.json']))).toBeNull()
    expect(cliInvocation(installed(['story.ninjs.json', '--cli']))).toBeNull()
    expect(cliInvocation(installed(['--data-dir', '/d', '--cli']))).toBeNull()
    expect(cliInvocation(installed(['-psn_0_12345']))).toBeNull()
  })

  it('runs the CLI when started through a link named copydesk to an executable named otherwise', () => {
    const mac = {
      argv: ['/usr/local/bin/copydesk', 'list'],
      defaultApp: false,
      invokedAs: '/usr/local/bin/copydesk',
      execPath: '/Applications/Copydesk.app/Contents/MacOS/Copydesk',
    }
    expect(cliInvocation(mac)).toEqual(['list'])
    const windows = {
      argv: ['C:\\Tools\\copydesk.exe', 'get', 'x'],
      defaultApp: false,
      invokedAs: 'C:\\Tools\\copydesk.exe',
      execPath: 'C:\\Program Files\\Copydesk\\Copydesk.exe',
    }
    expect(cliInvocation(windows)).toEqual(['get', 'x'])
  })

  it('opens the window when the executable itself is named copydesk (the Linux packages)', () => {
    expect(cliInvocation(installed(['list'], { invokedAs: 'copydesk' }))).toBeNull()
    expect(
      cliInvocation(
        installed([], { invokedAs: '/usr/bin/copydesk', execPath: '/opt/Copydesk/copydesk' }),
      ),
    ).toBeNull()
  })
})
