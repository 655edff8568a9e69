import { DESK_STREAM_KEEPALIVE_SECONDS } from './calls/deskFeedCalls'

/**
 * How long a workstation waits for the desk, in milliseconds. A desk that takes a request and never
 * answers (a stalled process, a half-open connection) would otherwise hold the caller for good: past
 * its limit a call is a desk that did not answer, like one that refused the connection.
 */
export type DeskTimeouts = {
  /** An ordinary call, from sending it to its whole answer read. */
  callMs: number
  /** A call declared `slow`: a page of the first sync, a long poll, a push to the CMS. */
  slowCallMs: number
  /** A stream that has sent nothing for this long, not its first line nor a keep-alive, is dead. */
  streamSilenceMs: number
}

export const DESK_TIMEOUTS: DeskTimeouts = {
  callMs: 15_000,
  slowCallMs: 60_000,
  streamSilenceMs: DESK_STREAM_KEEPALIVE_SECONDS * 2 * 1000,
}

/** A limit as people read it: "15 s", "0.2 s". */
export function describeWait(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`
}
