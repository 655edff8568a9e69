import { z } from 'zod'
import type { DeskCallGroup } from '../DeskCallDeclaration'

/** The desk API's version: a workstation refuses a desk that speaks another. */
export const DESK_API_VERSION = 1

/** The most changes one feed answer carries; a client at `since` far behind asks again from `next`. */
export const DESK_FEED_PAGE = 500

/** The longest a feed request may wait for a change, in seconds. */
export const DESK_FEED_MAX_WAIT_SECONDS = 30

/**
 * A followed feed sends a blank line when it has been quiet this long, after checking the device's
 * token again: a client that hears nothing for twice this long takes the connection for dead.
 */
export const DESK_STREAM_KEEPALIVE_SECONDS = 20

/** Which desk a server serves: a workstation checks it is talking to the desk it joined. */
export const DeskInfo = z.object({
  deskId: z.uuid(),
  serverVersion: z.string(),
  apiVersion: z.number().int(),
})
export type DeskInfo = z.infer<typeof DeskInfo>

/** One entry of the desk-wide change log, numbered without gaps in the order it became visible. */
export const DeskChange = z.object({
  seq: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  kind: z.string(),
  articleId: z.uuid().nullable(),
  revision: z.number().int().nullable(),
  actorId: z.uuid().nullable(),
})
export type DeskChange = z.infer<typeof DeskChange>

export const ListChangesInput = z.object({
  /** The last seq the caller has seen (0 for everything). */
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Seconds to wait when there is nothing after `since` yet; 0 answers at once. */
  wait: z.coerce.number().int().min(0).max(DESK_FEED_MAX_WAIT_SECONDS).default(0),
})

export const ListChangesOutput = z.object({
  /** Up to DESK_FEED_PAGE changes after `since`, in seq order. */
  changes: z.array(DeskChange).max(DESK_FEED_PAGE),
  /** What to pass as `since` next: the last seq in `changes`, or `since` when there are none. */
  next: z.number().int().min(0),
  /**
   * The desk's highest seq when the answer was read. Above `next`: more pages are waiting. Below
   * `since`: the caller knows changes this desk never made (another desk, or a desk restored from
   * an older backup).
   */
  last: z.number().int().min(0),
})

/** The change feed and which desk this is (the transport slice of issue 14). */
export const deskFeedCalls = {
  getDesk: {
    method: 'GET',
    path: '/v1/desk',
    access: 'public',
    input: z.object({}),
    output: DeskInfo,
    errors: {},
  },
  listChanges: {
    method: 'GET',
    path: '/v1/changes',
    slow: true,
    access: 'signed-in',
    input: ListChangesInput,
    output: ListChangesOutput,
    errors: {
      // Too many requests are parked on this server already: retry after `retryAfterSeconds`.
      UNAVAILABLE: z.object({ retryAfterSeconds: z.number().int().positive() }),
    },
  },
  /**
   * The feed as a stream: the changes after `since` at once (a first line even when there are none,
   * so the client knows it is connected), then each change as it becomes visible, in seq order, on
   * one connection. Cheaper than long polls for a desk of many workstations: no request per
   * change, no sign-in check per change. The server batches what it sends when many follow (at
   * most ~20 lines a second per connection), ends a stream its client does not read, and ends a
   * device's older stream when the same device follows again.
   */
  followChanges: {
    method: 'GET',
    path: '/v1/changes/stream',
    access: 'signed-in',
    stream: true,
    input: z.object({ since: ListChangesInput.shape.since }),
    output: ListChangesOutput,
    errors: {
      UNAVAILABLE: z.object({ retryAfterSeconds: z.number().int().positive() }),
    },
  },
} satisfies DeskCallGroup
