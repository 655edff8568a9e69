import type { WorkflowAction } from '../../shared/domain/workflow'
import { AppError } from '../../shared/ipc/AppError'

/** What a workstation may do offline: it waits in the sync queue and reaches the desk when online. */
export const QUEUED_OFFLINE: ReadonlySet<WorkflowAction> = new Set<WorkflowAction>(['submit'])

const DOING: Record<WorkflowAction | 'push', string> = {
  submit: 'Submitting',
  approve: 'Approving',
  request_changes: 'Requesting changes',
  reopen: 'Reopening',
  publish: 'Publishing',
  publish_correction: 'Publishing a correction',
  kill: 'Killing a story',
  spike: 'Spiking',
  unspike: 'Unspiking',
  push: 'Pushing to the CMS',
}

/** The refusal of an action that only the desk can take, while it cannot be reached. */
export function needsTheDesk(action: WorkflowAction | 'push'): AppError {
  return new AppError('REFUSED', `${DOING[action]} needs the desk: you are offline.`, {
    reason: 'offline',
    action,
  })
}
