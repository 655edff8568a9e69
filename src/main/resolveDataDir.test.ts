import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveDataDir } from './resolveDataDir'

const env = { XDG_CONFIG_HOME: '/home/asha/.config' }

describe('resolveDataDir (the desktop app and the CLI)', () => {
  it('takes --data-dir, then COPYDESK_DATA_DIR, then the app’s folder', () => {
    expect(resolveDataDir(['--data-dir', 'desk'], env, '/u')).toBe(resolve('desk'))
    expect(resolveDataDir(['--data-dir=desk'], env, '/u')).toBe(resolve('desk'))
    expect(resolveDataDir([], { COPYDESK_DATA_DIR: 'other' }, '/u')).toBe(resolve('other'))
    expect(resolveDataDir([], env, '/u')).toBe(join('/u', 'data'))
  })

  // Regression (M4): `--data-dir` with no value opened the real default desk, and `--data-dir
  // --port 0` a folder named "--port".
  it.each([[['--data-dir']], [['--data-dir', '--port', '0']], [['--data-dir=']]])(
    '%j is refused in one sentence',
    (argv) => {
      expect(() => resolveDataDir(argv, env, '/u')).toThrow(
        '--data-dir needs a folder, e.g. --data-dir ~/copydesk-data.',
      )
    },
  )
})
