import type { deskMediaCalls } from '../../shared/desk/calls/deskMediaCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { DeskCallContext, DeskGroupHandlers } from '../DeskHandlers'
import type { Principal } from '../Principal'
import type { DeskMediaStore } from './DeskMediaStore'

/** The picture calls' handlers: any signed-in member of the desk sends and fetches pictures. */
export function createMediaHandlers(
  media: DeskMediaStore,
): DeskGroupHandlers<typeof deskMediaCalls> {
  return {
    missingMedia: (input) => media.missing(input.ids),
    putMediaFile: (input, context) => media.putFile(input.id, input.data, caller(context)),
    putPictureRecord: (input, context) => media.putRecord(input.record, caller(context)),
    getMediaFile: (input) => media.getFile(input.id),
    getPictureRecord: async (input) => ({ record: await media.getRecord(input.id) }),
  }
}

function caller(context: DeskCallContext): Principal {
  if (context.principal === null)
    throw new DeskError('UNAUTHENTICATED', 'Pictures are for signed-in devices of this desk.')
  return context.principal
}
