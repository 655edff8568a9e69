import { ACTION_LABELS, TRANSITIONS } from '../../../../shared/domain/workflow'
import { NoteDialog } from './NoteDialog'

const LABEL =
  TRANSITIONS.find((t) => t.action === 'publish_correction')?.note ?? 'Correction note for readers'

/**
 * Asks the desk chief for the correction note readers will see: the one dialog behind Publish
 * correction and behind pushing a story that was published before.
 */
export function CorrectionDialog({
  confirmLabel,
  initial,
  onConfirm,
  onCancel,
}: {
  confirmLabel: string
  /** The waiting note, when the desk chief edits it. */
  initial?: string | undefined
  onConfirm: (note: string) => void
  onCancel: () => void
}) {
  return (
    <NoteDialog
      title={ACTION_LABELS.publish_correction}
      label={LABEL}
      hint="Readers see it at the end of the story, as you write it: what was wrong and what is right. The CMS's confirmation goes to the story's history, not here."
      required
      initial={initial}
      confirmLabel={confirmLabel}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  )
}
