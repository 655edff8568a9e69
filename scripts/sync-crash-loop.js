// The sync crash loop: a joined workstation (out/tools/syncCrashWorkstation.js) makes bursts of edits
// against a desk server (`copydesk desk serve`, the built CLI, embedded database in a folder), and at a
// random moment of each burst one of them is SIGKILLed: the workstation, or separately the server.
// What was killed is restarted, the sync settles, and the workstation checks that every change it
// acknowledged is on the desk, that both sides agree on every story and that every file reads.
// `node scripts/sync-crash-loop.js [--iterations N] [--seed S]` (50 in CI through `npm run test:crash`).
import { spawn } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'

const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback
}
const started = performance.now()
const iterations = flag('--iterations', 50)
const seed = flag('--seed', randomInt(1, 2 ** 31))
const verbose = args.includes('--verbose')
const SETTLE_MS = 30_000
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`
const trace = (what) => verbose && process.stdout.write(`  ${elapsed()} ${what}\n`)
let state = seed >>> 0 || 1
const random = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0
  return state / 2 ** 32
}

const cli = 'bin/copydesk.js'
const workstation = 'out/tools/syncCrashWorkstation.js'
for (const [file, build] of [
  ['out/main/cli.js', 'npm run build'],
  [workstation, 'npm run build:tools'],
]) {
  if (!existsSync(file)) {
    process.stderr.write(`sync crash loop: ${file} is not built yet; run \`${build}\` first.\n`)
    process.exit(2)
  }
}

const dir = mkdtempSync(join(tmpdir(), 'copydesk-sync-crash-'))
const deskDir = join(dir, 'desk')
const dataDir = join(dir, 'workstation')
const ackFile = join(dir, 'acks.txt')
writeFileSync(ackFile, '')
const env = { ...process.env }
delete env.DATABASE_URL

/** A child's output, line by line, with a wait for the next line matching a pattern. */
function watch(child, name) {
  const lines = []
  const waiters = []
  let stderr = ''
  let ended = null
  const exited = new Promise((done) =>
    child.once('exit', (code, signal) => {
      ended = signal ?? `exit ${code}`
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`${name} ended (${ended})`))
      done()
    }),
  )
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk.toString()).slice(-4000)))
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line)
    for (const waiter of [...waiters])
      if (waiter.pattern.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(line)
      }
  })
  return {
    child,
    exited,
    stderr: () => stderr,
    next(pattern, ms, what) {
      return new Promise((resolve, reject) => {
        if (ended) return reject(new Error(`${name} ended (${ended})`))
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          reject(new Error(`${name} did not ${what} within ${ms} ms`))
        }, ms)
        const waiter = {
          pattern,
          resolve: (line) => (clearTimeout(timer), resolve(line)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        }
        waiters.push(waiter)
      })
    },
    /** Lines it printed that say something went wrong on its own side. */
    complaints: () => lines.filter((line) => line.startsWith('BURST FAILED')),
    send: (line) => child.stdin.write(`${line}\n`),
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

async function run(argv, input) {
  const child = spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'pipe'], env })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk) => (out += chunk.toString()))
  child.stderr.on('data', (chunk) => (err += chunk.toString()))
  child.stdin.end(input)
  const code = await new Promise((done) => child.once('exit', done))
  if (code !== 0) throw new Error(`${argv.slice(1).join(' ')} exited ${code}: ${err || out}`)
  return out.trim()
}

const port = await freePort()
const url = `http://127.0.0.1:${port}`
async function startServer() {
  const child = spawn(
    process.execPath,
    [cli, 'desk', 'serve', '--port', String(port), '--data-dir', deskDir],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  )
  const server = watch(child, 'the desk server')
  await server.next(/^Desk server ready at /, 60_000, 'start')
  return server
}
function startWorkstation(tokens) {
  const child = spawn(
    process.execPath,
    [workstation, 'run', dataDir, url, tokens.token, tokens.checkTokens.join(','), ackFile],
    { stdio: ['pipe', 'pipe', 'pipe'], env },
  )
  const ws = watch(child, 'the workstation')
  return ws.next(/^OPEN$/, 60_000, 'open').then(() => ws)
}

process.stdout.write(`sync crash loop: seed ${seed}, ${iterations} iterations\n`)
const admin = { email: 'admin@crash.example', password: 'crash loop admin password' }
await run([workstation, 'prepare', deskDir], '')
await run(
  [
    cli,
    'desk',
    'admin',
    'create',
    '--email',
    admin.email,
    '--name',
    'Crash Admin',
    '--password-stdin',
    '--data-dir',
    deskDir,
  ],
  `${admin.password}\n`,
)
trace('first admin made')
let server = await startServer()
trace('desk server started')
const tokens = JSON.parse(
  await run([workstation, 'setup', url, admin.email], `${admin.password}\n`),
)
trace('writer signed in')
let ws = await startWorkstation(tokens)
trace('workstation open')

let failure = null
const kills = { workstation: 0, server: 0 }
for (let i = 1; i <= iterations && failure === null; i += 1) {
  // A server restart costs seconds (Node, then PGlite): every fifth kill is the server's.
  const target = i % 5 === 0 ? 'server' : 'workstation'
  const delay = 20 + Math.floor(random() * 300)
  const burstSeed = Math.floor(random() * 2 ** 31)
  try {
    ws.send(`burst ${burstSeed} i${i}`)
    await ws.next(/^BURSTING$/, 10_000, 'start a burst')
    await new Promise((wake) => setTimeout(wake, delay))
    if (target === 'workstation') {
      await ws.kill()
      ws = await startWorkstation(tokens)
    } else {
      await server.kill()
      server = await startServer()
    }
    kills[target] += 1
    trace(`kill ${i}: the ${target} after ${delay} ms, restarted`)
    ws.send(`settle ${SETTLE_MS}`)
    const verdict = await ws.next(/^CHECK /, SETTLE_MS + 30_000, 'settle and check')
    trace(`kill ${i}: ${verdict}`)
    const complaints = ws.complaints()
    if (complaints.length > 0) failure = { i, target, delay, what: complaints.join('; ') }
    else if (verdict.startsWith('CHECK FAIL '))
      failure = {
        i,
        target,
        delay,
        what: JSON.parse(verdict.slice('CHECK FAIL '.length)).join('; '),
      }
    else if (i % 10 === 0 || i === iterations)
      process.stdout.write(
        `kill ${i}/${iterations} (${target} after ${delay} ms): ${verdict.slice(6)}\n`,
      )
  } catch (error) {
    failure = {
      i,
      target,
      delay,
      what: `${error.message}${ws.stderr() ? `; the workstation's stderr: ${ws.stderr().trim()}` : ''}${server.stderr() ? `; the server's stderr: ${server.stderr().trim()}` : ''}`,
    }
  }
}

ws.send('quit')
await Promise.race([ws.exited, new Promise((wake) => setTimeout(wake, 5_000))])
await ws.kill()
server.child.kill('SIGTERM')
await Promise.race([server.exited, new Promise((wake) => setTimeout(wake, 10_000))])
await server.kill()
const seconds = ((performance.now() - started) / 1000).toFixed(1)
if (failure) {
  process.stdout.write(
    `FAILED at kill ${failure.i} of ${iterations} (seed ${seed}; the ${failure.target} SIGKILLed ${failure.delay} ms into a burst): ${failure.what}. The same seed makes the same bursts and kills (\`node scripts/sync-crash-loop.js --seed ${seed} --iterations ${failure.i}\`; a busy machine's timing varies); the folders are kept in ${dir}.\n`,
  )
  process.exit(1)
}
rmSync(dir, { recursive: true, force: true })
process.stdout.write(
  `${iterations} passed (${kills.workstation} workstation kills, ${kills.server} server kills) in ${seconds} s, seed ${seed}\n`,
)
