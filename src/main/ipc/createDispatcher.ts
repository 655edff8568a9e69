import type { z } from 'zod'
import { AppError, toSerializedError, type Envelope } from '../../shared/ipc/AppError'
import { invalidInput } from '../../shared/ipc/parseInput'
import {
  contract,
  isMethodName,
  type MethodName,
  type OutputOf,
  type ParsedInputOf,
} from '../../shared/ipc/contract'

/** The service call behind each method, given input already parsed by the contract's schema. */
export type Handlers = {
  [M in MethodName]: (input: ParsedInputOf<M>) => Promise<OutputOf<M>>
}

/** Turns an untrusted (method, payload) pair into a validated service call and an envelope. */
export type Dispatcher = (method: string, payload: unknown) => Promise<Envelope<unknown>>

export type DispatcherOptions = {
  /**
   * Parse every answer against the contract's output schema, so a service returning the wrong
   * shape fails a test instead of reaching a user. On in development and tests; off in the built
   * app (NODE_ENV=production) unless COPYDESK_CHECK_OUTPUTS=1, which the end-to-end tests set.
   */
  checkOutputs?: boolean
}

/** The contract seen as a table of schemas, so a lookup by method keeps that method's types. */
const SCHEMAS: {
  [M in MethodName]: { input: z.ZodType<ParsedInputOf<M>>; output: z.ZodType<OutputOf<M>> }
} = contract

export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  const checkOutputs =
    options.checkOutputs ??
    (process.env['NODE_ENV'] !== 'production' || process.env['COPYDESK_CHECK_OUTPUTS'] === '1')

  async function route<M extends MethodName>(method: M, payload: unknown): Promise<OutputOf<M>> {
    const { input, output } = SCHEMAS[method]
    const parsed = input.safeParse(payload)
    if (!parsed.success) throw invalidInput(method, parsed.error)
    const value = await handlers[method](parsed.data)
    if (!checkOutputs) return value
    const answer = output.safeParse(value)
    if (!answer.success) {
      throw new AppError(
        'INTERNAL',
        `${method} answered with an unexpected shape: ${describeIssues(answer.error).slice(0, 5).join('; ')}`,
      )
    }
    return answer.data
  }

  return async (method, payload) => {
    try {
      if (!isMethodName(method))
        throw new AppError('INVALID_INPUT', `Unknown call "${String(method).slice(0, 60)}".`)
      return { ok: true, value: await route(method, payload) }
    } catch (error) {
      return { ok: false, error: toSerializedError(error) }
    }
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`)
}
