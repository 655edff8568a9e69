import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgliteFolder } from '../../tests/support/pgliteFolder'
import { tempDir } from '../../tests/support/tempDir'
import { deskServerDataDir } from './deskServerDataDir'
import { runCli } from './runCli'

describe('the desk server data folder', { timeout: 60_000 }, () => {
  let home: Awaited<ReturnType<typeof tempDir>>
  beforeAll(async () => {
    home = await tempDir('copydesk-desk-home-')
  })
  afterAll(() => home.cleanup())

  it('is --data-dir when given, else desk-server inside the data folder', () => {
    const dataDir = () => '/home/asha/.config/copydesk/data'
    expect(deskServerDataDir('desk', dataDir)).toBe(resolve('desk'))
    expect(deskServerDataDir(undefined, dataDir)).toBe(
      '/home/asha/.config/copydesk/data/desk-server',
    )
  })

  // Bug: without --data-dir, `desk admin create` made its desk in <data>/pgdata while `desk serve`
  // opened <data>/desk-server, so the first admin could never sign in to the server.
  it('is where `desk admin create` makes the desk when no --data-dir is given', async () => {
    await pgliteFolder(join(home.path, 'desk-server'))
    const err: string[] = []
    const code = await runCli(
      [
        'desk',
        'admin',
        'create',
        '--email',
        'chief@desk.example',
        '--name',
        'Asha',
        '--password-stdin',
      ],
      {
        out: () => {},
        err: (text) => err.push(text),
        env: { COPYDESK_DATA_DIR: home.path },
        stdinIsTTY: false,
        stdin: async () => 'a long admin passphrase\n',
      },
    )
    expect({ code, err }).toEqual({ code: 0, err: [] })
    expect(existsSync(join(home.path, 'pgdata'))).toBe(false)
    expect(existsSync(join(home.path, 'desk-server', 'pgdata'))).toBe(true)
  })
})
