import { systemClock } from '../../shared/domain/Clock'

/** "14:32" today, "Jan 23, 14:32" otherwise: how a desk talks about when something changed. */
export function formatTime(iso: string, now = systemClock.now()): string {
  const date = new Date(iso)
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
  if (date.toDateString() === now.toDateString()) return time
  const day = date.toLocaleDateString('en-US', { month: 'short', day: 'numeric' })
  return date.getFullYear() === now.getFullYear()
    ? `${day}, ${time}`
    : `${day} ${date.getFullYear()}, ${time}`
}
