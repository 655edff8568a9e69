import type { DeskStatus } from '../shared/desk/DeskConnection'
import type { LeaveDeskOutput } from '../shared/ipc/calls/deskCalls'
import type { CliCommand, CommandContext } from './CliCommand'
import { usage } from './ConfigIo'
import { showCall } from './showCall'

const STDIN_HINT =
  'pipe it in, e.g. printf \'%s\\n\' "$PASSWORD" | copydesk desk join URL --email E --password-stdin'

/**
 * `copydesk desk join|leave|status`: this workstation's membership of a desk server, through the
 * app's own calls (joinDesk, leaveDesk, deskStatus). The password comes from standard input only.
 */
export const DESK_JOIN_COMMAND: CliCommand = {
  name: 'desk',
  help: [
    {
      synopsis: 'desk join URL --email E --password-stdin',
      summary: [
        'sign this workstation in to a desk server (https://, or http://',
        'on this computer): you then work as that desk account; the',
        "device token is kept in the data folder's secrets file",
      ],
    },
    {
      synopsis: 'desk status',
      summary: [
        'the desk joined and whether it still accepts this device',
        '(exit 1 when expired, signed out or unreachable)',
      ],
    },
    {
      synopsis: 'desk leave',
      summary: [
        'sign this device out of the desk (where it can be reached) and',
        'forget it; the stories on this workstation stay',
      ],
    },
  ],
  run: (c) => {
    const [verb, ...rest] = c.args
    if (verb === 'join') {
      const [url, ...extra] = rest
      if (!url || extra.length > 0) return undefined
      return runJoin(c, url)
    }
    if (verb === 'status' && rest.length === 0)
      return showCall(
        c,
        (client) => client.deskStatus({}),
        formatDeskStatus,
        (status) => status.joined && status.session.state !== 'signed-in',
      )
    if (verb === 'leave' && rest.length === 0)
      return showCall(c, (client) => client.leaveDesk({}), formatLeft)
    return undefined
  },
}

async function runJoin(c: CommandContext, url: string): Promise<number> {
  const { io, values } = c
  if (values.password !== undefined || values['password-file'] !== undefined)
    return usage(
      io,
      'desk join takes the password from standard input only (--password-stdin): on the command line it would end up in shell history and the process list.',
    )
  if (!values.email) return usage(io, "desk join needs the account's e-mail: --email E.")
  if (!values['password-stdin']) return usage(io, `desk join needs --password-stdin: ${STDIN_HINT}`)
  if (io.stdinIsTTY || !io.stdin)
    return usage(
      io,
      `--password-stdin reads a password piped in, and nothing is piped (typed here it would show on screen): ${STDIN_HINT}`,
    )
  // One trailing line break is the pipe's, not the password's.
  const password = (await io.stdin()).replace(/\r?\n$/, '')
  const email = values.email
  return showCall(c, (client) => client.joinDesk({ url, email, password }), formatDeskStatus)
}

const PROTECTION = {
  'os-keychain': "sealed with this computer's keychain",
  'file-permissions': 'readable by this user only',
} as const

/** The desk joined and whether it accepts this device, for the terminal. */
export function formatDeskStatus(status: DeskStatus): string {
  if (!status.joined)
    return 'Not joined to a desk: this workstation stands alone (copydesk desk join URL --email E --password-stdin).'
  const { connection, session, tokenProtection } = status
  const { account } = connection
  const state =
    session.state === 'signed-in'
      ? `signed in (checked ${session.checkedAt}; the sign-in lasts until ${connection.expiresAt})`
      : `${session.state}: ${session.message}`
  return [
    `Desk      ${connection.url}`,
    `Account   ${account.name} <${account.email}> · ${account.role}`,
    `Device    ${connection.deviceName} · joined ${connection.joinedAt}`,
    `Token     in the secrets file, ${PROTECTION[tokenProtection]}`,
    `Sign-in   ${state}`,
  ].join('\n')
}

function formatLeft(left: LeaveDeskOutput): string {
  return left.message
}
