import { runCli, type CliIo } from '../../src/cli/runCli'

/**
 * Runs the command line as a test would type it, with what it prints captured: `io` adds stdin,
 * a terminal or an environment (empty unless given) to the plain streams.
 */
export async function runCliCaptured(
  args: string[],
  io: Partial<Omit<CliIo, 'out' | 'err'>> = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, {
    env: {},
    ...io,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}
