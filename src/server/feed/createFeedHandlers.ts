import { z } from 'zod'
import { DESK_API_VERSION, type deskFeedCalls } from '../../shared/desk/calls/deskFeedCalls'
import type { Db } from '../db/Db'
import type { DeskGroupHandlers } from '../DeskHandlers'
import type { ChangeFeed } from './ChangeFeed'

const DeskRow = z.object({ id: z.string() })

/** The feed calls' handlers: which desk this is, and its changes (at once, by long poll or as a stream). */
export function createFeedHandlers(options: {
  db: Db
  feed: ChangeFeed
  /** This server's version, as a workstation shows it. */
  serverVersion: string
}): DeskGroupHandlers<typeof deskFeedCalls> {
  let deskId: string | null = null
  return {
    getDesk: async () => {
      // The desk row never changes: read once per process.
      deskId ??= DeskRow.parse((await options.db.query('select id from desk'))[0]).id
      return { deskId, serverVersion: options.serverVersion, apiVersion: DESK_API_VERSION }
    },
    listChanges: (input, context) =>
      options.feed.changes(
        input.since,
        input.wait,
        context.signal,
        context.principal?.deviceId ?? null,
      ),
    followChanges: (input, context, send) =>
      options.feed.follow(input.since, context.signal, context.principal?.deviceId ?? null, send),
  }
}
