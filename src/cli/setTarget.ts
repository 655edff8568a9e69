import { readFile } from 'node:fs/promises'
import { DeskSettings } from '../shared/domain/DeskSettings'
import { answerOrMessage, readSettings, saveSettings } from './callWorkstation'
import {
  EXIT,
  failed,
  usage,
  type ConfigIo,
  type ConfigValues,
  type WithWorkstation,
} from './ConfigIo'

/**
 * `copydesk target set wordpress|webhook`: the URL (and WordPress user and post status), then the
 * secret from stdin or a file, never from the command line (shell history, the process list),
 * bound to the URL saved with it. A WordPress target is signed in to at once.
 */
export async function setTarget(
  target: 'wordpress' | 'webhook',
  values: ConfigValues,
  io: ConfigIo,
  withWorkstation: WithWorkstation,
): Promise<number> {
  const wp = target === 'wordpress'
  const what = wp ? 'password' : 'token'
  const [inline, fromStdin, fromFile] = wp
    ? [values.password, values['password-stdin'], values['password-file']]
    : [values.token, values['token-stdin'], values['token-file']]
  const other = wp
    ? [values.token, values['token-stdin'], values['token-file']]
    : [values.password, values['password-stdin'], values['password-file']]
  if (inline !== undefined)
    return usage(
      io,
      `A ${what} on the command line ends up in shell history and the process list: use --${what}-stdin or --${what}-file FILE.`,
    )
  if (other.some((option) => option !== undefined))
    return usage(
      io,
      `target set ${target} takes a ${what} (--${what}-stdin or --${what}-file FILE), not a ${wp ? 'token' : 'password'}.`,
    )
  if (!wp && (values.user !== undefined || values.status !== undefined))
    return usage(
      io,
      'target set webhook takes --url and its token only (--user and --status are for WordPress).',
    )
  if (fromStdin && fromFile)
    return usage(io, `Give the ${what} one way: --${what}-stdin or --${what}-file FILE, not both.`)
  if (!values.url) return usage(io, `target set ${target} needs --url URL.`)
  if (wp && !values.user) return usage(io, 'target set wordpress needs --user USER.')
  if (fromStdin && io.stdinIsTTY)
    return usage(
      io,
      `--${what}-stdin reads a ${what} piped in (e.g. pass show wp | copydesk target set …), and nothing is piped: typed here it would show on screen. Pipe it in, or use --${what}-file FILE.`,
    )
  let secret: string | null = null
  try {
    if (fromStdin) {
      if (!io.stdin) return usage(io, `No standard input to read the ${what} from.`)
      secret = (await io.stdin()).trim()
    } else if (fromFile) secret = (await readFile(fromFile, 'utf8')).trim()
  } catch (error) {
    return failed(
      io,
      `Cannot read the ${what}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  if (secret === '') return failed(io, `The ${what} read was empty; nothing was changed.`)
  return withWorkstation(async (ws) => {
    const current = await readSettings(ws)
    if (typeof current === 'string') return failed(io, current)
    const next = wp
      ? {
          ...current,
          wordpressUrl: values.url,
          wordpressUser: values.user,
          wordpressStatus: values.status ?? current.wordpressStatus,
        }
      : { ...current, webhookUrl: values.url }
    const parsed = DeskSettings.safeParse(next)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return failed(io, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not valid'}`)
    }
    const summary = wp
      ? `WordPress: ${parsed.data.wordpressUrl} as ${parsed.data.wordpressUser}, posts as ${parsed.data.wordpressStatus}`
      : `Webhook: ${parsed.data.webhookUrl}`
    const code = await saveSettings(ws, parsed.data, io, summary)
    if (code !== EXIT.ok || secret === null) return code
    const name = wp ? 'wordpressPassword' : 'webhookToken'
    const stored = await answerOrMessage(ws.client.setSecret({ name, value: secret }))
    if (typeof stored === 'string') return failed(io, stored)
    io.out(
      `The ${wp ? 'application password' : 'token'} is saved for ${new URL(parsed.data[wp ? 'wordpressUrl' : 'webhookUrl']).origin} only.`,
    )
    if (!wp) return EXIT.ok
    // Checked at once, so a wrong password shows now rather than on the first push.
    const tested = await answerOrMessage(ws.client.testConnection({ target: 'wordpress' }))
    if (typeof tested === 'string') return failed(io, tested)
    if (!tested.ok) return failed(io, `the target is saved, but: ${tested.message}`)
    io.out(tested.message)
    return EXIT.ok
  })
}
