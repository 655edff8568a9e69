import { runCli } from './runCli'

/**
 * The `copydesk` command on this process's standard streams, with `args` (no program name): run
 * by Node through bin/copydesk.js, and by the installed app started with `--cli`. Resolves with
 * the exit code; an unexpected failure is printed and is exit code 1.
 */
export async function runCliProcess(args: readonly string[]): Promise<number> {
  try {
    return await runCli([...args], {
      out: (text) => process.stdout.write(`${text}\n`),
      err: (text) => process.stderr.write(`${text}\n`),
      env: process.env,
      stdinIsTTY: Boolean(process.stdin.isTTY),
      stdin: async () => {
        const chunks: Buffer[] = []
        for await (const chunk of process.stdin)
          chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
        return Buffer.concat(chunks).toString('utf8')
      },
    })
  } catch (error) {
    process.stderr.write(
      `copydesk: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
    )
    return 1
  }
}
