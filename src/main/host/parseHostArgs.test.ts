import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HOST_USAGE, parseHostArgs } from './parseHostArgs'

const env = { XDG_CONFIG_HOME: '/home/asha/.config' }

describe('the browser host’s command line', () => {
  it('reads the data folder, the port and --open', () => {
    expect(parseHostArgs(['--data-dir', 'desk', '--port', '0', '--open'], env)).toEqual({
      ok: true,
      dataDir: resolve('desk'),
      port: 0,
      open: true,
    })
    expect(parseHostArgs(['--data-dir=desk', '--port=8080'], env)).toMatchObject({
      dataDir: resolve('desk'),
      port: 8080,
    })
    expect(parseHostArgs([], env)).toEqual({
      ok: true,
      dataDir: join('/home/asha/.config', 'copydesk', 'data'),
      port: 5199,
      open: false,
    })
    expect(parseHostArgs([], { ...env, COPYDESK_PORT: '6000' })).toMatchObject({ port: 6000 })
  })

  // Regression (M4): each of these was silently ignored or misread: --port with no value used 5199;
  // --data-dir with no value opened the real default desk; `--data-dir --port 0` made a folder
  // named "--port"; an unknown flag was ignored.
  it.each([
    [['--port'], '--port needs a value.'],
    [['--data-dir'], '--data-dir needs a value.'],
    [
      ['--data-dir', '--port', '0'],
      '--data-dir needs a value, and “--port” is a flag (write --data-dir=--port if you mean it).',
    ],
    [['--data-dir='], '--data-dir needs a folder, e.g. --data-dir ~/copydesk-data.'],
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535, not "abc".'],
    [['--port='], '--port must be a whole number from 0 to 65535, not "".'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535, not "70000".'],
    [['--prot', '80'], "Unknown option '--prot'."],
    [['desk'], "Unexpected argument 'desk'."],
  ])('%j is a usage error in one line', (argv, problem) => {
    const parsed = parseHostArgs(argv, env)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.message.startsWith(problem)).toBe(true)
    expect(parsed.message.endsWith(HOST_USAGE)).toBe(true)
    expect(parsed.message).not.toContain('\n')
  })

  it('names COPYDESK_PORT when that is what is wrong', () => {
    expect(parseHostArgs([], { ...env, COPYDESK_PORT: 'x' })).toMatchObject({
      ok: false,
      message: `COPYDESK_PORT must be a whole number from 0 to 65535, not "x". ${HOST_USAGE}`,
    })
  })
})
