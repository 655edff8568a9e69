// Runs npm scripts at the same time and exits non-zero if any of them failed, after all have ended.
// `npm test` runs the linter and the type checker this way (each is single-threaded, they read the
// same files and write nothing). With more than one script, each line they print starts with the
// script's name, so the log reads as it happened.
// `node scripts/run-together.js lint typecheck`
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

const names = process.argv.slice(2)
if (names.length === 0) {
  console.error('Usage: node scripts/run-together.js <npm script> [<npm script> ...]')
  process.exit(2)
}
const windows = process.platform === 'win32'
const width = Math.max(...names.map((name) => name.length))

/** Copies a child's stream to ours line by line, each line after the script's name. */
function prefixed(stream, name, out) {
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  lines.on('line', (line) => out.write(`${name.padEnd(width)} │ ${line}\n`))
  return new Promise((done) => lines.once('close', done))
}

const codes = await Promise.all(
  names.map(
    (name) =>
      new Promise((done) => {
        const child = spawn(windows ? 'npm.cmd' : 'npm', ['run', name], {
          stdio: names.length > 1 ? ['inherit', 'pipe', 'pipe'] : 'inherit',
          shell: windows,
        })
        const copied =
          names.length > 1
            ? Promise.all([
                prefixed(child.stdout, name, process.stdout),
                prefixed(child.stderr, name, process.stderr),
              ])
            : Promise.resolve()
        child.once('error', (error) => {
          console.error(`npm run ${name} could not start: ${error.message}`)
          done(1)
        })
        child.once('exit', (code, signal) => {
          void copied.then(() => done(code ?? (signal ? 1 : 0)))
        })
      }),
  ),
)
const failed = names.filter((_, i) => codes[i] !== 0)
if (failed.length > 0)
  console.error(`Failed: ${failed.map((name) => `npm run ${name}`).join(', ')}`)
process.exit(failed.length > 0 ? 1 : 0)
