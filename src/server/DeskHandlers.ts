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
  [N in keyof G]: (
    input: z.output<G[N]['input']>,
    context: DeskCallContext,
  ) => Promise<z.input<G[N]['output']>>
}
