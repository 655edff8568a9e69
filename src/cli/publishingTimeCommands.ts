import { parseOffsetTime } from '../shared/domain/publicationTime'
import { parseInput } from '../shared/ipc/parseInput'
import type { CliCommand, CommandContext } from './CliCommand'
import { EXIT } from './ConfigIo'
import { formatArticle } from './formatOutput'
import { showCall } from './showCall'

/** `copydesk schedule` and `copydesk embargo`: a story's publishing time, for desks that automate. */
export const PUBLISHING_TIME_COMMANDS: CliCommand[] = [
  {
    name: 'schedule',
    help: [
      {
        synopsis: 'schedule ID --at ISO-TIME',
        summary: [
          'an approved story goes live then (desk chief); the time needs',
          'its offset: 2026-06-01T06:00+02:00 or …Z',
        ],
      },
      { synopsis: 'schedule ID --clear', summary: ['unschedule it (desk chief)'] },
    ],
    run: (c) => {
      const [id, ...extra] = c.args
      if (!id || extra.length > 0 || (c.values.at === undefined) === !c.values.clear)
        return undefined
      return withTime(c, c.values.clear ? null : (c.values.at ?? ''), (at) =>
        showCall(
          c,
          (client) => client.scheduleArticle(parseInput('scheduleArticle', { id, at })),
          formatArticle,
        ),
      )
    },
  },
  {
    name: 'embargo',
    help: [
      {
        synopsis: 'embargo ID --until ISO-TIME',
        summary: [
          'not to be made public before then; moving one needs a desk',
          'chief; the time needs its offset',
        ],
      },
      { synopsis: 'embargo ID --lift', summary: ['lift the embargo (desk chief)'] },
    ],
    run: (c) => {
      const [id, ...extra] = c.args
      if (!id || extra.length > 0 || (c.values.until === undefined) === !c.values.lift)
        return undefined
      return withTime(c, c.values.lift ? null : (c.values.until ?? ''), (until) =>
        showCall(
          c,
          (client) => client.setEmbargo(parseInput('setEmbargo', { id, until })),
          formatArticle,
        ),
      )
    },
  },
]

/** The time as UTC ISO, or a one-line refusal (exit 1) that says what is wrong with it. */
function withTime(
  context: CommandContext,
  value: string | null,
  run: (iso: string | null) => Promise<number>,
): Promise<number> {
  if (value === null) return run(null)
  const parsed = parseOffsetTime(value)
  if (parsed.ok) return run(parsed.iso)
  const { io, values } = context
  io.err(
    values.json
      ? JSON.stringify({ error: { code: 'INVALID_INPUT', message: parsed.reason } }, null, 2)
      : `copydesk: ${parsed.reason}`,
  )
  return Promise.resolve(EXIT.failed)
}
