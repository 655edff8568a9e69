import { useEffect, useRef, useState, type FormEvent } from 'react'
import { DeskSettings } from '../../../../shared/domain/DeskSettings'

type Props = {
  settings: DeskSettings
  onSave: (settings: DeskSettings) => Promise<void>
  onClose: () => void
}

/** The desk's limits and the spellchecker's languages, shared by every window on this data folder. */
export function SettingsDialog({ settings, onSave, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [draft, setDraft] = useState({
    headlineLimit: String(settings.headlineLimit),
    summaryLimit: String(settings.summaryLimit),
    keyPointsMin: String(settings.keyPointsMin),
    keyPointsMax: String(settings.keyPointsMax),
    spellcheckLanguages: settings.spellcheckLanguages.join(', '),
  })
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = DeskSettings.safeParse({
      headlineLimit: Number(draft.headlineLimit),
      summaryLimit: Number(draft.summaryLimit),
      keyPointsMin: Number(draft.keyPointsMin),
      keyPointsMax: Number(draft.keyPointsMax),
      spellcheckLanguages: draft.spellcheckLanguages.split(/[\s,]+/).filter(Boolean),
    })
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
      return
    }
    try {
      await onSave(parsed.data)
      onClose()
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason))
    }
  }
  const field = (key: keyof typeof draft, label: string, hint?: string) => (
    <label className="stacked">
      <span>{label}</span>
      <input
        className="text-input"
        value={draft[key]}
        inputMode={key === 'spellcheckLanguages' ? 'text' : 'numeric'}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
      {hint && <small className="muted">{hint}</small>}
    </label>
  )
  return (
    <dialog
      ref={dialog}
      className="settings-dialog"
      aria-labelledby="settings-title"
      onCancel={onClose}
    >
      <form onSubmit={(e) => void handleSubmit(e)}>
        <h2 id="settings-title">Desk settings</h2>
        <div className="settings-grid">
          {field('headlineLimit', 'Headline limit (characters)')}
          {field('summaryLimit', 'Summary limit (characters)')}
          {field('keyPointsMin', 'Fewest key points')}
          {field('keyPointsMax', 'Most key points')}
        </div>
        {field(
          'spellcheckLanguages',
          'Spellcheck languages',
          'Codes such as en-US, en-GB, hi; used by the desktop app.',
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <footer className="dialog-foot">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Save settings
          </button>
        </footer>
      </form>
    </dialog>
  )
}
