import { fork, type ChildProcess } from 'node:child_process'
import type { TrackerResult } from './deskWorkstation'

/** What the bench process asks a workstation process to do. */
export type GroupCommand =
  | { kind: 'join'; url: string; password: string; stations: { email: string; index: number }[] }
  | GroupRun
  | { kind: 'exit' }

/** One measured run: the workstations with a global index under `count` save and follow the feed. */
export type GroupRun = {
  kind: 'run'
  count: number
  /** Workstation `index` talks to `servers[index % servers.length]`. */
  servers: string[]
  saveEveryMs: [number, number]
  feed: 'stream' | 'poll'
  /** Machine time (deskWorkstation's machineMs) the measured window starts; before it, the warm-up. */
  measureFrom: number
  measureMs: number
  /** Saves of the window's last moments still have this long to reach every feed. */
  drainMs: number
}

export type GroupResult = TrackerResult & { cpuShare: number; lagP99Ms: number; lagMaxMs: number }

export type GroupReply =
  { kind: 'joined' } | { kind: 'ran'; result: GroupResult } | { kind: 'failed'; message: string }

/** A forked workstation process (out/tools/deskWorkstations.js) and its commands, one at a time. */
export type WorkstationGroup = {
  join(url: string, password: string, stations: { email: string; index: number }[]): Promise<void>
  run(run: Omit<GroupRun, 'kind'>): Promise<GroupResult>
  stop(): Promise<void>
}

export function startWorkstationGroup(): WorkstationGroup {
  // The bench is built to out/tools (tools.vite.config.ts) and run from the project's folder.
  const child = fork('out/tools/deskWorkstations.js', [], {
    serialization: 'advanced',
    // BENCH_WORKSTATION_NODE_ARGS (e.g. `--cpu-prof`) as BENCH_SERVER_NODE_ARGS does for the server.
    execArgv: process.env.BENCH_WORKSTATION_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  })
  const ask = (command: GroupCommand) =>
    new Promise<GroupReply>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`a workstation process exited (${code}) during ${command.kind}`))
      child.once('exit', onExit)
      child.once('message', (reply: GroupReply) => {
        child.off('exit', onExit)
        if (reply.kind === 'failed') reject(new Error(`workstation process: ${reply.message}`))
        else resolve(reply)
      })
      child.send(command)
    })
  return {
    join: async (url, password, stations) => {
      await ask({ kind: 'join', url, password, stations })
    },
    run: async (run) => {
      const reply = await ask({ kind: 'run', ...run })
      if (reply.kind !== 'ran') throw new Error(`workstation process answered ${reply.kind}`)
      return reply.result
    },
    stop: () => stopGroup(child),
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.send({ kind: 'exit' } satisfies GroupCommand)
  })
}
