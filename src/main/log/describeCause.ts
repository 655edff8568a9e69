const MAX_MESSAGE = 300
const MAX_FRAMES = 8

/**
 * Text in quotes is where an error carries someone's words: a headline in “…”, the start of a
 * damaged file in "…" (JSON.parse quotes what it could not read), a value in '…'.
 */
const QUOTED = /“[^”]*”|‘[^’]*’|«[^»]*»|"[^"]*"|'[^']*'|`[^`]*`/g
/** Credentials as they appear in headers, URLs and query strings. */
const CREDENTIALS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+\S+/gi, '$1 [secret]'],
  [/\/\/[^/\s:@]+:[^/\s@]+@/g, '//[secret]@'],
  [/\b(token|password|passwd|secret|key|auth|signature)=[^&\s]+/gi, '$1=[secret]'],
]

/**
 * What the log may say about a failure: the error's name, code and message with every quoted
 * passage replaced by “…” and every credential and known secret masked, shortened, and the stack
 * frames (code locations only). Article text and secrets never reach a log through here.
 */
export function describeCause(cause: unknown, secrets: Iterable<string>, depth = 0): string {
  if (!(cause instanceof Error)) return cause === undefined ? '' : `(${typeof cause} thrown)`
  const code = 'code' in cause && typeof cause.code === 'string' ? ` [${cause.code}]` : ''
  const message = redact(cause.message, secrets)
  const frames = (cause.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => redact(line.trim(), secrets))
  const inner =
    depth < 2 && cause.cause !== undefined
      ? `\n  caused by ${describeCause(cause.cause, secrets, depth + 1)}`
      : ''
  const stack = frames.length > 0 ? `\n    ${frames.join('\n    ')}` : ''
  return `${cause.name}${code}: ${message}${stack}${inner}`
}

/** `text` with quoted passages, credentials and the given secrets masked, at most 300 characters. */
export function redact(text: string, secrets: Iterable<string>): string {
  let safe = text
  for (const secret of secrets) if (secret.length >= 4) safe = safe.split(secret).join('[secret]')
  safe = safe.replace(QUOTED, '“…”')
  for (const [pattern, mask] of CREDENTIALS) safe = safe.replace(pattern, mask)
  return safe.length > MAX_MESSAGE ? `${safe.slice(0, MAX_MESSAGE)}…` : safe
}
