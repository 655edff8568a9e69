import type { WorkflowAction } from '../../../../shared/domain/workflow'

/** What a screen reader hears after each workflow action succeeds (focus is then on the status). */
export const ACTION_ANNOUNCEMENTS: Record<WorkflowAction, string> = {
  submit: 'Submitted for approval',
  approve: 'Approved',
  request_changes: 'Sent back to the writer',
  reopen: 'Reopened: submitted again',
  publish: 'Marked published',
  publish_correction: 'Correction published',
  kill: 'Killed',
  spike: 'Spiked',
  unspike: 'Restored from spike: a draft again',
}
