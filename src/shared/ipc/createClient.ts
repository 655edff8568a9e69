import type { z } from 'zod'
import { AppError, type Envelope } from './AppError'
import {
  contract,
  METHOD_NAMES,
  type DetailsOf,
  type ErrorCodeOf,
  type InputOf,
  type MethodName,
  type OutputOf,
} from './contract'

/** Carries one call to main and back: IPC in Electron, HTTP in a browser, the dispatcher in-process. */
export type Transport = (method: MethodName, input: unknown) => Promise<Envelope<unknown>>

/** One typed function per contract call: resolves with the output or rejects with a CallError. */
export type Client = { [M in MethodName]: (input: InputOf<M>) => Promise<OutputOf<M>> }

/** A call's refusal as it reaches the caller; read its declared details with `detailsOf`. */
export class CallError extends AppError {
  constructor(
    readonly method: MethodName,
    code: AppError['code'],
    message: string,
    details?: unknown,
  ) {
    super(code, message, details)
  }
}

/** The contract seen as a table of detail schemas, so a lookup by method and code keeps its type. */
const ERROR_DETAILS: {
  [M in MethodName]: { errors: { [C in ErrorCodeOf<M>]: z.ZodType<DetailsOf<M, C>> } }
} = contract

/** Builds the typed client over any transport, from the contract's list of calls. */
export function createClient(transport: Transport): Client {
  const calls = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      async (input: unknown): Promise<unknown> => {
        const envelope = await transport(method, input)
        if (envelope.ok) return envelope.value
        const { code, message, details } = envelope.error
        throw new CallError(method, code, message, details)
      },
    ]),
  )
  // The transports are generic over the method; the per-call types are restored here, once. Main
  // parsed the input against the contract, and (in development and tests) the output too.
  return calls as unknown as Client
}

/**
 * The details of `error` when it is `method`'s refusal with `code`, parsed with the schema the
 * contract declares for them; undefined for any other error or details of another shape.
 */
export function detailsOf<M extends MethodName, C extends ErrorCodeOf<M>>(
  error: unknown,
  method: M,
  code: C,
): DetailsOf<M, C> | undefined {
  if (!(error instanceof AppError) || error.code !== code) return undefined
  if (error instanceof CallError && error.method !== method) return undefined
  const schema = ERROR_DETAILS[method].errors[code]
  const parsed = schema.safeParse(error.details)
  return parsed.success ? parsed.data : undefined
}
