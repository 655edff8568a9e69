const BASE_DELAY_MS = 5_000
const MAX_DELAY_MS = 10 * 60_000

/**
 * How long an outbox waits before trying a failed push again, after `attempts` tries: 5 s doubling
 * to 10 min. The workstation's outbox and the desk server's share it.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1))
}
