import { formatTime } from '../../formatTime'

/** "Editing: Ana Writer since 14:02": how the list, the queue and the editor name a lease. */
export function leaseLabel(holder: string, since: string, now?: Date): string {
  return `Editing: ${holder} since ${formatTime(since, now)}`
}
