// Kills a writing process (SIGKILL) at random moments during saves and revision snapshots, then checks
// that every file loads, every save the store acknowledged is present, and every acknowledged snapshot
// is listed and still holds its revision. `node scripts/crash-loop.js [--iterations N] [--seed S]`
// (50 in CI through `npm run test:crash`, 500 with --long).
import { spawn, spawnSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback
}
const iterations = args.includes('--long') ? 500 : flag('--iterations', 50)
let seed = flag('--seed', 20260123)
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const writer = 'out/tools/crashWriter.js'
const dir = mkdtempSync(join(tmpdir(), 'copydesk-crash-'))
const acks = join(dir, 'acks.txt')
const data = join(dir, 'data')
writeFileSync(acks, '')

let failures = 0
for (let i = 1; i <= iterations; i += 1) {
  const delay = 30 + Math.floor(random() * 300)
  await new Promise((resolve) => {
    const child = spawn(process.execPath, [writer, 'write', data], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let pending = ''
    let timer
    child.stdout.on('data', (chunk) => {
      pending += chunk.toString()
      const end = pending.lastIndexOf('\n')
      if (end >= 0) {
        appendFileSync(acks, pending.slice(0, end + 1))
        pending = pending.slice(end + 1)
      }
      // The delay counts from the store being open, so a slow start (a busy machine) still sees writes killed.
      timer ??= setTimeout(() => child.kill('SIGKILL'), delay)
    })
    child.on('close', () => {
      clearTimeout(timer)
      resolve()
    })
  })
  const check = spawnSync(process.execPath, [writer, 'check', data, acks], { encoding: 'utf8' })
  if (check.status !== 0) {
    failures += 1
    process.stdout.write(`kill ${i} after ${delay} ms: FAILED\n${check.stdout}${check.stderr}\n`)
  } else if (i % 10 === 0 || i === iterations) {
    process.stdout.write(`kill ${i}/${iterations}: ${check.stdout}`)
  }
}
rmSync(dir, { recursive: true, force: true })
process.stdout.write(`${iterations - failures} passed, ${failures} failed\n`)
process.exit(failures === 0 ? 0 : 1)
