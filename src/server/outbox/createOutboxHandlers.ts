import type { deskOutboxCalls } from '../../shared/desk/calls/deskOutboxCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { DeskCallContext, DeskGroupHandlers } from '../DeskHandlers'
import type { Principal } from '../Principal'
import type { ServerOutbox } from './ServerOutbox'

/** The outbox and CMS target calls over a ServerOutbox: the transport checked access; the service checks the rest. */
export function createOutboxHandlers(
  outbox: ServerOutbox,
): DeskGroupHandlers<typeof deskOutboxCalls> {
  return {
    pushStory: async (input, context) => outbox.push(caller(context), input),
    listOutbox: async (input, context) => ({ items: await outbox.list(caller(context), input) }),
    retryOutboxItem: async (input, context) => outbox.retry(caller(context), input),
    checkOutboxItem: async (input, context) => outbox.check(caller(context), input),
    listCmsTargets: async (_input, context) => ({
      targets: await outbox.listTargets(caller(context)),
    }),
    setCmsTarget: async (input, context) => outbox.setTarget(caller(context), input),
    clearCmsTarget: async (input, context) => ({
      removed: await outbox.clearTarget(caller(context), input),
    }),
  }
}

function caller(context: DeskCallContext): Principal {
  if (context.principal === null)
    throw new DeskError('UNAUTHENTICATED', 'Sign in to this desk first.')
  return context.principal
}
