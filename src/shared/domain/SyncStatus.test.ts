import { expect, it } from 'vitest'
import { describeClockSkew, describeSyncStatus, type SyncStatus } from './SyncStatus'

const base: SyncStatus = {
  connection: 'online',
  offlineSince: null,
  reason: null,
  pending: 0,
  refused: null,
  firstSync: { done: 12, total: 12, finished: true },
  queueDamaged: false,
}
const time = (iso: string) => iso.slice(11, 16)

it('says what the connection indicator shows in each state', () => {
  expect(describeSyncStatus(base, time)).toBe('Online')
  expect(describeSyncStatus({ ...base, pending: 3 }, time)).toBe('Syncing 3 changes')
  expect(
    describeSyncStatus(
      { ...base, connection: 'offline', offlineSince: '2026-12-01T14:02:00.000Z', pending: 1 },
      time,
    ),
  ).toBe('Offline since 14:02: 1 change will reach the desk when online')
  expect(describeSyncStatus({ ...base, connection: 'signed-out', pending: 2 }, time)).toBe(
    'Sign-in expired: sign in again to sync (2 changes waiting)',
  )
  expect(
    describeSyncStatus(
      {
        ...base,
        refused: {
          storyId: 'x',
          reason: 'This story is approved.',
          at: '2026-12-01T14:02:00.000Z',
        },
      },
      time,
    ),
  ).toBe('The desk refused a change: This story is approved.')
  expect(
    describeSyncStatus({ ...base, firstSync: { done: 40, total: 10_000, finished: false } }, time),
  ).toBe("Downloading the desk's stories: 40 of 10000")
})

it('says the disk is full before anything else, and a clock hours off after the connection', () => {
  expect(describeSyncStatus({ ...base, diskFull: true, pending: 2 }, time)).toBe(
    'The disk is full: saving is refused until there is room. Syncing 2 changes',
  )
  expect(describeSyncStatus({ ...base, clockSkewMs: 3 * 3_600_000 + 60_000 }, time)).toBe(
    "Online. This computer's clock is 3 hours off (ahead of the desk's); sync still works",
  )
  expect(describeSyncStatus({ ...base, clockSkewMs: -20 * 60_000 }, time)).toBe(
    "Online. This computer's clock is 20 minutes off (behind the desk's); sync still works",
  )
  // A few seconds or minutes of drift is not worth a word.
  expect(describeSyncStatus({ ...base, clockSkewMs: 90_000 }, time)).toBe('Online')
  expect(describeClockSkew(null)).toBeNull()
})

it('says whose edit lease a change waits for, and until when, not that it was refused', () => {
  const wait = {
    storyId: 'x',
    headline: 'Council approves the new bridge',
    holder: 'Ben Chief',
    yourAccount: false,
    until: '2026-12-01T14:07:00.000Z',
  }
  expect(describeSyncStatus({ ...base, pending: 1, leaseWaits: [wait] }, time)).toBe(
    'Waiting for Ben Chief to finish editing “Council approves the new bridge” (until 14:07)',
  )
  expect(
    describeSyncStatus(
      { ...base, pending: 3, leaseWaits: [{ ...wait, headline: ' ', yourAccount: true }, wait] },
      time,
    ),
  ).toBe(
    'Waiting for an untitled story to be closed on your other device (until 14:07), and 1 more story',
  )
  // Offline, the connection is what matters: the wait is said again once the desk answers.
  expect(
    describeSyncStatus({ ...base, connection: 'offline', pending: 1, leaseWaits: [wait] }, time),
  ).toBe('Offline since start: 1 change will reach the desk when online')
})
