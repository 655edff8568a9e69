import type { z } from 'zod'
import type { DeskCallDeclaration, DeskCallGroup } from '../../shared/desk/DeskCallDeclaration'
import { DeskError } from '../../shared/desk/DeskError'
import type { DeskCallContext, DeskGroupHandlers } from '../DeskHandlers'
import { unstorableText } from './unstorableText'

/** One call of the contract bound to its handler: what the HTTP server routes to. */
export type DeskRoute = {
  name: string
  call: DeskCallDeclaration
  /**
   * Parses `raw` with the call's input schema (refused: `invalid`), runs the handler (its throw goes
   * through) and parses its answer with the output schema (refused: DeskOutputMismatch thrown).
   */
  run: (raw: unknown, context: DeskCallContext) => Promise<RouteOutcome>
}

export type RouteOutcome =
  | { invalid: DeskError }
  | { invalid: null; output: unknown }
  /**
   * A stream call's input was good: `stream` runs its handler; each event is checked and sent as
   * one line of JSON (`send` gets the line, newline included).
   */
  | { invalid: null; stream: (send: (line: string) => Promise<void>) => Promise<void> }

/**
 * A handler as the router calls it. The contract types each handler's input and output (see
 * DeskGroupHandlers); here, past the input schema that checked the input, they are one kind (a
 * method's parameters are compared both ways, so every handler fits).
 */
type RouteHandler = {
  run(
    input: unknown,
    context: DeskCallContext,
    send: (event: unknown) => Promise<void>,
  ): Promise<unknown>
}['run']

/** A handler answered something its call's output schema refuses: a server bug, never sent. */
export class DeskOutputMismatch extends Error {
  override readonly name = 'DeskOutputMismatch'
  constructor(
    readonly call: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(
      `${call} answered output that does not match the contract: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    )
  }
}

/**
 * The routes of a call group, one per call, keyed by nothing but the declarations: the same
 * `method` and `path` twice is refused here, at start.
 */
export function deskRoutes<G extends DeskCallGroup>(
  calls: G,
  handlers: DeskGroupHandlers<G>,
): DeskRoute[] {
  const routes: DeskRoute[] = []
  const seen = new Map<string, string>()
  for (const name in calls) {
    const call = calls[name]
    if (call === undefined) continue
    const key = `${call.method} ${call.path}`
    const twice = seen.get(key)
    if (twice !== undefined) throw new Error(`${twice} and ${name} are both declared as ${key}`)
    seen.set(key, name)
    const handler: RouteHandler = handlers[name]
    routes.push(bindRoute(name, call, handler))
  }
  return routes
}

function bindRoute(name: string, call: DeskCallDeclaration, handler: RouteHandler): DeskRoute {
  return {
    name,
    call,
    run: async (raw, context) => {
      const unstorable = unstorableText(raw)
      if (unstorable !== null) {
        const { path, problem } = unstorable
        return {
          invalid: new DeskError(
            'INVALID_INPUT',
            `Invalid input for ${name}: ${path ? `${path}: ` : ''}${problem}.`,
            { issues: [{ path, message: problem }] },
          ),
        }
      }
      const input = call.input.safeParse(raw)
      if (!input.success)
        return {
          invalid: new DeskError(
            'INVALID_INPUT',
            `Invalid input for ${name}: ${summarise(input.error)}`,
            { issues: issuesOf(input.error) },
          ),
        }
      if (call.stream) {
        const stream = async (send: (line: string) => Promise<void>) => {
          await handler(input.data, context, (event) => send(streamLine(name, call, event)))
        }
        return { invalid: null, stream }
      }
      const answer = await handler(input.data, context, () => Promise.resolve())
      const output = call.output.safeParse(answer)
      if (!output.success) throw new DeskOutputMismatch(name, issuesOf(output.error))
      return { invalid: null, output: output.data }
    },
  }
}

/**
 * Events checked and serialised, by the event object: a feed sends one page object to every stream
 * that was at the same place (200 workstations following a busy desk), so it is checked and
 * serialised once, not 200 times (an event object is never changed once sent).
 */
const streamLines = new WeakMap<object, string>()

function streamLine(name: string, call: DeskCallDeclaration, event: unknown): string {
  const known = typeof event === 'object' && event !== null ? streamLines.get(event) : undefined
  if (known !== undefined) return known
  const output = call.output.safeParse(event)
  if (!output.success) throw new DeskOutputMismatch(name, issuesOf(output.error))
  const line = `${JSON.stringify(output.data)}\n`
  if (typeof event === 'object' && event !== null) streamLines.set(event, line)
  return line
}

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }))
}

function summarise(error: z.ZodError): string {
  return issuesOf(error)
    .slice(0, 5)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ')
}
