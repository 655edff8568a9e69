import type { z } from 'zod'
import type { DeskCallGroup } from '../shared/desk/DeskCallDeclaration'
import type { Principal } from './Principal'

/** What the transport knows about the request a handler answers. */
export type DeskCallContext = {
  /** The caller; null only for a `public` call. */
  principal: Principal | null
  requestId: string
  remoteAddress: string
  /** Aborted when the client goes away or the server stops (a long poll stops waiting). */
  signal: AbortSignal
}

/**
 * The handlers of one call group: each gets the input the contract parsed and answers the output,
 * or throws a DeskError with one of the codes the call declares.
 */
export type DeskGroupHandlers<G extends DeskCallGroup> = {
  [N in keyof G]: G[N] extends { stream: true }
    ? DeskStreamHandler<z.output<G[N]['input']>, z.input<G[N]['output']>>
    : (input: z.output<G[N]['input']>, context: DeskCallContext) => Promise<z.input<G[N]['output']>>
}

/**
 * A stream call's handler: sends each event with `send` until `context.signal` aborts (the client
 * left, the server stops, the token stopped counting), then resolves. `send` resolves when the
 * client can take more (await it where the handler could outrun the client, e.g. a catch-up). A
 * DeskError thrown before its first `send` is the usual refusal; one after it ends the stream with
 * an error line.
 */
export type DeskStreamHandler<I, O> = (
  input: I,
  context: DeskCallContext,
  send: (event: O) => Promise<void>,
) => Promise<void>
