// Runs npm scripts at the same time and exits non-zero if any of them failed, after all have ended.
// `npm test` runs the linter and the type checker this way: each is single-threaded, they read the
// same files and write nothing, so on CI's two cores the pair takes as long as the slower one.
// `node scripts/run-together.js lint typecheck`
import { spawn } from 'node:child_process'

const names = process.argv.slice(2)
if (names.length === 0) {
  console.error('Usage: node scripts/run-together.js <npm script> [<npm script> ...]')
  process.exit(2)
}
const windows = process.platform === 'win32'
const codes = await Promise.all(
  names.map(
    (name) =>
      new Promise((done) => {
        const child = spawn(windows ? 'npm.cmd' : 'npm', ['run', name], {
          stdio: 'inherit',
          shell: windows,
        })
        child.once('error', (error) => {
          console.error(`npm run ${name} could not start: ${error.message}`)
          done(1)
        })
        child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)))
      }),
  ),
)
const failed = names.filter((_, i) => codes[i] !== 0)
if (failed.length > 0) console.error(`Failed: ${failed.map((name) => `npm run ${name}`).join(', ')}`)
process.exit(failed.length > 0 ? 1 : 0)
