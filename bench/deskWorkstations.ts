import { setMaxListeners } from 'node:events'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { BenchWorkstation, countingFetch, DeskTracker, machineMs } from './deskWorkstation'
import type { GroupReply, GroupCommand, GroupRun } from './deskWorkstationGroup'

/**
 * A workstation process of the desk bench (out/tools/deskWorkstations.js, forked by
 * deskWorkstationGroup): a share of the simulated workstations on an event loop of its own, so
 * the bench measures the desk and not its own starvation. Commands come over the IPC channel.
 */
const tracker = new DeskTracker()
const fetchImpl = countingFetch(tracker)
const stations = new Map<number, BenchWorkstation>()

const reply = (message: GroupReply) => process.send?.(message)

process.on('message', (message: GroupCommand) => {
  void handle(message).then(reply, (error: unknown) =>
    reply({
      kind: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
  )
})

async function handle(command: GroupCommand): Promise<GroupReply> {
  if (command.kind === 'exit') process.exit(0)
  if (command.kind === 'join') {
    const joining = command.stations.map(({ email, index }) => {
      const station = new BenchWorkstation(email, fetchImpl, command.url)
      stations.set(index, station)
      return station
    })
    let next = 0
    // The server hashes two at a time and queues 32: with two processes, four at a time in all.
    const worker = async () => {
      for (let i = next++; i < joining.length; i = next++) {
        const station = joining[i]
        if (!station) continue
        await station.signIn(command.password)
        await station.createStory()
      }
    }
    await Promise.all(Array.from({ length: 2 }, worker))
    return { kind: 'joined' }
  }
  return { kind: 'ran', result: await run(command) }
}

async function run(command: GroupRun) {
  const some = [...stations].filter(([index]) => index < command.count)
  for (const [index, station] of some) {
    const server = index % command.servers.length
    const url = command.servers[server]
    if (url !== undefined) station.useServer(url, server)
  }
  await Promise.all(some.map(([, station]) => station.catchUp()))
  tracker.reset()
  const stopSaves = new AbortController()
  const stopFeeds = new AbortController()
  // Every workstation's loop listens on these: not a leak.
  setMaxListeners(0, stopSaves.signal, stopFeeds.signal)
  const [minMs, maxMs] = command.saveEveryMs
  const running = some.flatMap(([, station]) => [
    station.saveLoop(tracker, stopSaves.signal, minMs, maxMs),
    command.feed === 'stream'
      ? station.followLoop(tracker, stopFeeds.signal)
      : station.feedLoop(tracker, stopFeeds.signal),
  ])
  await delayUntil(command.measureFrom)
  const lag = monitorEventLoopDelay({ resolution: 10 })
  const cpuBefore = process.cpuUsage()
  lag.enable()
  tracker.collecting = true
  tracker.measuring = true
  const started = machineMs()
  await delayUntil(command.measureFrom + command.measureMs)
  tracker.measuring = false
  const seconds = (machineMs() - started) / 1000
  lag.disable()
  const cpu = process.cpuUsage(cpuBefore)
  stopSaves.abort()
  await delayUntil(command.measureFrom + command.measureMs + command.drainMs)
  tracker.collecting = false
  stopFeeds.abort()
  await Promise.all(running)
  return {
    ...tracker.result(),
    cpuShare: (cpu.user + cpu.system) / 1e6 / seconds,
    lagP99Ms: lag.percentile(99) / 1e6,
    lagMaxMs: lag.max / 1e6,
  }
}

const delayUntil = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - machineMs())))
