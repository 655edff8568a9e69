import { spawnSync } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../tests/support/tempDir'

const script = resolve('scripts/run-together.js')
let dir: Awaited<ReturnType<typeof tempDir>>

/** `node scripts/run-together.js ...names` in a package whose scripts are `passes` and `fails`. */
function runTogether(...names: string[]) {
  const run = spawnSync(process.execPath, [script, ...names], { cwd: dir.path, encoding: 'utf8' })
  return { code: run.status, out: `${run.stdout}${run.stderr}` }
}

describe('scripts/run-together.js (npm test lints and type-checks at once)', () => {
  beforeAll(async () => {
    dir = await tempDir('copydesk-run-together-')
    const scripts = {
      passes: "node -e \"require('fs').writeFileSync('passed', 'yes')\"",
      fails: 'node -e "process.exit(3)"',
      says: "node -e \"console.log('first\\nsecond'); console.error('trouble')\"",
    }
    await writeFile(join(dir.path, 'package.json'), JSON.stringify({ name: 'x', scripts }))
  })
  afterAll(() => dir.cleanup())

  it('exits 0 when every script passes', () => {
    expect(runTogether('passes', 'passes').code).toBe(0)
  })

  it('fails, naming the script that failed, and still lets the others run to their end', async () => {
    await rm(join(dir.path, 'passed'), { force: true })
    const run = runTogether('fails', 'passes')
    expect(run.code).toBe(1)
    expect(run.out).toContain('Failed: npm run fails')
    expect(run.out).not.toContain('npm run passes,')
    expect(await readFile(join(dir.path, 'passed'), 'utf8')).toBe('yes')
  })

  it("puts each script's name before each line it prints, from both streams", () => {
    const run = runTogether('says', 'passes')
    expect(run.code).toBe(0)
    expect(run.out).toContain('says   │ first\nsays   │ second\n')
    expect(run.out).toContain('says   │ trouble\n')
  })

  it('is a usage error (exit 2) without a script to run', () => {
    expect(runTogether().code).toBe(2)
  })
})
