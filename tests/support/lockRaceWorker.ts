import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { DataDirLock } from '../../src/main/store/DataDirLock'

/**
 * For the lock race test (DataDirLock.race.test.ts), one of the racing processes: on each "go <µs>"
 * line it waits that long (the test spreads the racers' starts over the window a race needs), then
 * tries to take the lock of DIR, and while it believes it holds it, keeps a witness file that only one
 * holder at a time can create. Prints "held", "refused" or "BOTH HELD" for each round.
 */
const [dir = ''] = process.argv.slice(2)
const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  const [command, micros] = line.split(' ')
  if (command !== 'go') continue
  const start = process.hrtime.bigint()
  while (process.hrtime.bigint() - start < BigInt(Number(micros ?? 0) * 1000));
  let lock: DataDirLock
  try {
    lock = await DataDirLock.acquire(dir, 'race')
  } catch {
    process.stdout.write('refused\n')
    continue
  }
  const witness = join(dir, 'holder-witness')
  try {
    await writeFile(witness, String(process.pid), { flag: 'wx' })
  } catch {
    process.stdout.write('BOTH HELD\n')
    await lock.release()
    continue
  }
  await new Promise((resolve) => setTimeout(resolve, 5))
  await rm(witness)
  await lock.release()
  process.stdout.write('held\n')
}
