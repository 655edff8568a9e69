import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { tempDir } from '../tests/support/tempDir'
import { findElectronBinary } from './findElectronBinary.js'

let dir: Awaited<ReturnType<typeof tempDir>>

describe('findElectronBinary (which Electron the desktop test and npm start run)', () => {
  beforeAll(async () => {
    dir = await tempDir('copydesk-electron-binary-')
  })
  afterAll(() => dir.cleanup())
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('calls an ELECTRON_EXEC_PATH that names nothing broken, not missing, so the test fails', () => {
    const nowhere = join(dir.path, 'nowhere', 'Copydesk')
    vi.stubEnv('ELECTRON_EXEC_PATH', nowhere)
    expect(findElectronBinary()).toEqual({
      broken: `ELECTRON_EXEC_PATH=${nowhere} does not exist`,
    })
  })

  it('tells an installed Copydesk (app.asar beside it) from a bare Electron', async () => {
    const linux = join(dir.path, 'linux-unpacked')
    await mkdir(join(linux, 'resources'), { recursive: true })
    await writeFile(join(linux, 'copydesk-desktop'), '')
    await writeFile(join(linux, 'resources', 'app.asar'), '')
    vi.stubEnv('ELECTRON_EXEC_PATH', join(linux, 'copydesk-desktop'))
    expect(findElectronBinary()).toEqual({
      path: join(linux, 'copydesk-desktop'),
      packaged: true,
    })

    const contents = join(dir.path, 'Copydesk.app', 'Contents')
    await mkdir(join(contents, 'MacOS'), { recursive: true })
    await mkdir(join(contents, 'Resources'), { recursive: true })
    await writeFile(join(contents, 'MacOS', 'Copydesk'), '')
    await writeFile(join(contents, 'Resources', 'app.asar'), '')
    vi.stubEnv('ELECTRON_EXEC_PATH', join(contents, 'MacOS', 'Copydesk'))
    expect(findElectronBinary()).toMatchObject({ packaged: true })

    const bare = join(dir.path, 'electron')
    await writeFile(bare, '')
    vi.stubEnv('ELECTRON_EXEC_PATH', bare)
    expect(findElectronBinary()).toEqual({ path: bare, packaged: false })
  })
})
