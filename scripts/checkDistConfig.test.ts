import { spawnSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../tests/support/tempDir'
import { checkDistConfig } from './checkDistConfig.js'

const projectDir = resolve('.')
let dir: Awaited<ReturnType<typeof tempDir>>

/** A configuration that extends the real one with `yaml` on top, checked as `kind`. */
async function checkVariant(name: string, yaml: string, kind: 'release' | 'e2e' = 'release') {
  const configFile = join(dir.path, name)
  await writeFile(configFile, `extends: ${join(projectDir, 'electron-builder.yml')}\n${yaml}`)
  return (await checkDistConfig({ projectDir, configFile, kind })).problems
}

// Loading app-builder-lib and its JSON schema takes seconds on a busy machine.
describe(
  'npm run dist:check (the installers, checked without building them)',
  { timeout: 60_000 },
  () => {
    beforeAll(async () => {
      dir = await tempDir('copydesk-dist-check-')
    })
    afterAll(() => dir.cleanup())

    it('passes the shipped and the end-to-end configuration as electron-builder resolves them', async () => {
      const release = await checkDistConfig({
        projectDir,
        configFile: 'electron-builder.yml',
        kind: 'release',
      })
      expect(release.problems).toEqual([])
      expect(release.config?.['electronFuses']).toMatchObject({
        runAsNode: false,
        enableNodeCliInspectArguments: false,
        onlyLoadAppFromAsar: true,
      })
      const e2e = await checkDistConfig({
        projectDir,
        configFile: 'electron-builder.e2e.yml',
        kind: 'e2e',
      })
      expect(e2e.problems).toEqual([])
      expect(e2e.config?.['publish']).toBeNull()
    })

    it('names a fuse left on, a misspelt fuse, and the one electron-builder refuses', async () => {
      const problems = await checkVariant(
        'fuses.yml',
        'electronFuses:\n  runAsNode: true\n  runAsNod: false\n',
      )
      expect(problems).toContain('electronFuses.runAsNode must be false (it is true)')
      expect(problems).toContain('electronFuses.runAsNod is not a fuse Copydesk sets')
      expect(problems.some((p) => p.startsWith('electron-builder refuses'))).toBe(true)
      expect(problems.join('\n')).not.toMatch(/How to fix/)
    })

    it('asks for the ad-hoc signature an unsigned Apple Silicon build needs after its fuses flip', async () => {
      const problems = await checkVariant(
        'no-adhoc.yml',
        'electronFuses:\n  resetAdHocDarwinSignature: false\n',
      )
      expect(problems).toEqual([
        'electronFuses.resetAdHocDarwinSignature must be true: an unsigned Mac build would not start on Apple Silicon (it is false)',
      ])
    })

    it('refuses an end-to-end build that would be published or opens more than the inspector', async () => {
      const problems = await checkVariant(
        'e2e.yml',
        'electronFuses:\n  enableNodeCliInspectArguments: true\n  runAsNode: true\n',
        'e2e',
      )
      expect(problems).toEqual([
        'electronFuses.runAsNode must be false in the end-to-end build (it is true)',
        'the end-to-end build must never be published: set publish: null',
        'the end-to-end build must go to its own output folder, not dist',
      ])
    })

    it('refuses sources in the app, a missing icon, a single-arch Mac build and a fixed update URL', async () => {
      const problems = await checkVariant(
        'wide.yml',
        [
          'files: [src/**]',
          'mac:',
          '  icon: resources/icons/missing.icns',
          '  target: [{ target: zip, arch: x64 }]',
          'publish: { provider: generic, url: "https://updates.example.org" }',
          '',
        ].join('\n'),
      )
      expect(problems).toEqual(
        expect.arrayContaining([
          'files must hold only what the app runs (src/** is more)',
          'mac zip must be built for universal',
          'mac.icon must name an existing .icns file (run npm run icons)',
          'publish url must come from an environment variable, e.g. ${env.COPYDESK_UPDATE_URL}',
        ]),
      )
    })

    it('asks for a deb maintainer when no author email is there to stand in', async () => {
      const noEmail = await checkVariant('no-email.yml', 'extraMetadata:\n  author: Copydesk\n')
      expect(noEmail).toContain(
        'the deb package needs a maintainer: set deb.maintainer, or an author with an email in package.json',
      )
      const maintainer = await checkVariant(
        'maintainer.yml',
        'extraMetadata:\n  author: Copydesk\ndeb:\n  maintainer: Desk <desk@copydesk.example>\n',
      )
      expect(maintainer.filter((p) => p.includes('maintainer'))).toEqual([])
      const npmForm = await checkVariant(
        'npm-author.yml',
        'extraMetadata:\n  author: Copydesk <desk@copydesk.example>\n',
      )
      expect(npmForm.filter((p) => p.includes('maintainer'))).toEqual([])
    })

    it('asks for every installer of a configuration written from scratch', async () => {
      const configFile = join(dir.path, 'bare.yml')
      await writeFile(configFile, 'appId: dev.copydesk.app\nproductName: Copydesk\n')
      const { problems } = await checkDistConfig({ projectDir, configFile, kind: 'release' })
      expect(problems).toEqual(
        expect.arrayContaining([
          'linux.target must include AppImage',
          'linux.target must include deb',
          'mac.target must include dmg',
          'mac.target must include zip',
          'win.target must include nsis',
          'electronFuses.runAsNode must be false (it is not set)',
          'asar must be on: the asar integrity and only-load-from-asar fuses need it',
          'publish must have a generic provider (the update feed)',
        ]),
      )
    })

    it('tells the user about a broken file in a sentence, without a stack trace', async () => {
      const broken = join(dir.path, 'broken.yml')
      await writeFile(broken, 'appId: [dev.copydesk.app\n')
      const run = spawnSync(process.execPath, ['scripts/dist-check.js', '--release', broken], {
        cwd: projectDir,
        encoding: 'utf8',
      })
      expect(run.status).toBe(1)
      expect(run.stderr).toContain(`${broken} could not be read: unexpected end of the stream`)
      expect(run.stdout).toContain('electron-builder.e2e.yml (e2e build) is as issue 17 asks')
      expect(run.stderr + run.stdout).not.toMatch(/^\s+at /m)
    })
  },
)
