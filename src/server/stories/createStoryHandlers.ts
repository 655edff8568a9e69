import { deskStoryCalls } from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { DeskCallContext, DeskGroupHandlers } from '../DeskHandlers'
import type { Principal } from '../Principal'
import type { StoryService } from './StoryService'

/** The story calls over a StoryService: the transport checked access; the service checks the rest. */
export function createStoryHandlers(
  stories: StoryService,
): DeskGroupHandlers<typeof deskStoryCalls> {
  return {
    listStories: async (input, context) => stories.listStories(caller(context), input),
    getStory: async (input, context) => stories.getStory(caller(context), input.id),
    getStories: async (input, context) => stories.getStories(caller(context), input.ids),
    getRevision: async (input, context) =>
      stories.getRevision(caller(context), input.id, input.number),
    saveStory: async (input, context) => stories.saveStory(caller(context), input),
    transition: async (input, context) => stories.transition(caller(context), input),
    addNote: async (input, context) => stories.addNote(caller(context), input),
    listNotes: async (input, context) => ({
      notes: await stories.listNotes(caller(context), input.id),
    }),
    getAudit: async (input, context) => ({
      entries: await stories.getAudit(caller(context), input.id),
    }),
    acquireLease: async (input, context) => ({
      lease: await stories.acquireLease(caller(context), input.id),
    }),
    renewLease: async (input, context) => ({
      lease: await stories.renewLease(caller(context), input.id),
    }),
    releaseLease: async (input, context) => ({
      released: await stories.releaseLease(caller(context), input.id),
    }),
    takeOverLease: async (input, context) => ({
      lease: await stories.takeOverLease(caller(context), input.id, input.note),
    }),
    listLeases: async (_input, context) => ({
      leases: await stories.listLeases(caller(context)),
    }),
    listKeptCopies: async (input, context) => ({
      copies: await stories.listKeptCopies(caller(context), input.id),
    }),
    getKeptCopy: async (input, context) =>
      stories.getKeptCopy(caller(context), input.id, input.copyId),
  }
}

/** Every story call is for a signed-in account; the transport resolved it before the handler ran. */
function caller(context: DeskCallContext): Principal {
  if (context.principal === null)
    throw new DeskError('UNAUTHENTICATED', 'Sign in to this desk first.')
  return context.principal
}
