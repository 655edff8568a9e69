import { deskTimeZone } from '../../../../shared/domain/deskTime'
import { useEffect, useState, type FormEvent } from 'react'
import { useModalDialog } from '../../useModalDialog'
import { DeskSettings } from '../../../../shared/domain/DeskSettings'
import type { SecretStatus } from '../../../../shared/domain/SecretStatus'
import type { SaveSettingsOutput } from '../../../../shared/ipc/contract'
import { api } from '../../api'
import { CmsTargetFields, cmsDraftOf, cmsSettingsOf, type CmsDraft } from './CmsTargetFields'
import { DeskSection } from './DeskSection'
import { UpdateFields } from './UpdateFields'
import './settings.css'

type Props = {
  settings: DeskSettings
  onSave: (settings: DeskSettings) => Promise<SaveSettingsOutput>
  onClose: () => void
  /** This workstation joined or left a desk: who works here changed. */
  onDeskChanged?: () => void
  /** Opened to sign in to the desk again: the Desk server part is shown and focused. */
  focusDesk?: boolean
}

type Draft = Record<
  | 'headlineLimit'
  | 'summaryLimit'
  | 'keyPointsMin'
  | 'keyPointsMax'
  | 'pictureMinLeadWidth'
  | 'commentMinLength'
  | 'spellcheckLanguages'
  | 'language'
  | 'copyrightHolder'
  | 'copyrightNotice'
  | 'timeZone',
  string
>

const CLEARED_LABEL = {
  webhookToken: 'the webhook token',
  wordpressPassword: 'the WordPress application password',
}

/** The desk's rules, reader comments, spellcheck languages and CMS targets, shared by every window. */
export function SettingsDialog({ settings, onSave, onClose, onDeskChanged, focusDesk }: Props) {
  const dialog = useModalDialog()
  const [draft, setDraft] = useState<Draft>({
    headlineLimit: String(settings.headlineLimit),
    summaryLimit: String(settings.summaryLimit),
    keyPointsMin: String(settings.keyPointsMin),
    keyPointsMax: String(settings.keyPointsMax),
    pictureMinLeadWidth: String(settings.pictureMinLeadWidth),
    commentMinLength: String(settings.commentMinLength),
    spellcheckLanguages: settings.spellcheckLanguages.join(', '),
    language: settings.language,
    copyrightHolder: settings.copyrightHolder,
    copyrightNotice: settings.copyrightNotice,
    timeZone: settings.timeZone,
  })
  const [cms, setCms] = useState<CmsDraft>(() => cmsDraftOf(settings))
  const [fourEyes, setFourEyes] = useState(settings.fourEyes)
  const [comments, setComments] = useState(settings.commentsEnabled)
  const [updates, setUpdates] = useState(settings.updates)
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null)
  const [testing, setTesting] = useState(false)
  const [secretStatus, setSecretStatus] = useState<SecretStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [warnings, setWarnings] = useState<string[]>([])
  useEffect(() => {
    api.getSecretStatus({}).then(setSecretStatus, () => undefined)
  }, [])

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault()
    setWarnings([])
    const parsed = DeskSettings.safeParse({
      ...settings,
      headlineLimit: Number(draft.headlineLimit),
      summaryLimit: Number(draft.summaryLimit),
      keyPointsMin: Number(draft.keyPointsMin),
      keyPointsMax: Number(draft.keyPointsMax),
      pictureMinLeadWidth: Number(draft.pictureMinLeadWidth),
      commentMinLength: Number(draft.commentMinLength),
      commentsEnabled: comments,
      fourEyes,
      spellcheckLanguages: draft.spellcheckLanguages.split(/[\s,]+/).filter(Boolean),
      language: draft.language.trim(),
      copyrightHolder: draft.copyrightHolder,
      copyrightNotice: draft.copyrightNotice,
      timeZone: draft.timeZone.trim(),
      updates,
      ...cmsSettingsOf(cms),
    })
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
      return
    }
    try {
      // The addresses first: a secret is kept for the address saved with it, and a moved address
      // forgets the old secret.
      const saved = await onSave(parsed.data)
      if (cms.webhookToken) await api.setSecret({ name: 'webhookToken', value: cms.webhookToken })
      if (cms.wordpressPassword)
        await api.setSecret({ name: 'wordpressPassword', value: cms.wordpressPassword })
      const now = await api.getSecretStatus({})
      setSecretStatus(now)
      setCms({ ...cms, webhookToken: '', wordpressPassword: '' })
      setWarnings(saved.warnings)
      const lost = saved.cleared.filter((name) => !cms[name]).map((name) => CLEARED_LABEL[name])
      if (lost.length > 0) {
        setError(
          `Saved. The address changed, so ${lost.join(' and ')} was cleared: it is never sent to another site. Enter it again for the new address.`,
        )
        return
      }
      // A WordPress target that changed is signed in to at once, so a wrong password shows now.
      const wpChanged =
        parsed.data.wordpressUrl !== settings.wordpressUrl ||
        parsed.data.wordpressUser !== settings.wordpressUser ||
        Boolean(cms.wordpressPassword)
      if (wpChanged && parsed.data.wordpressUrl && now.wordpressPassword) {
        const result = await api.testConnection({ target: 'wordpress' })
        setTest(result)
        if (!result.ok) {
          setError('Saved, but WordPress did not let Copydesk sign in: see above.')
          return
        }
      }
      if (saved.warnings.length === 0) onClose()
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason))
    }
  }
  const handleTest = async () => {
    setTesting(true)
    setTest(null)
    try {
      setTest(
        await api.testConnection({
          target: 'wordpress',
          url: cms.wordpressUrl.trim(),
          user: cms.wordpressUser.trim(),
          ...(cms.wordpressPassword ? { password: cms.wordpressPassword } : {}),
        }),
      )
    } catch (reason) {
      setTest({ ok: false, message: reason instanceof Error ? reason.message : String(reason) })
    } finally {
      setTesting(false)
    }
  }
  const field = (key: keyof Draft, label: string, hint?: string) => (
    <label className="stacked">
      <span>{label}</span>
      <input
        className="text-input"
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
      {hint && <small className="muted">{hint}</small>}
    </label>
  )
  return (
    <dialog
      ref={dialog}
      className="settings-dialog wide"
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
          {field(
            'pictureMinLeadWidth',
            'Narrowest lead picture (pixels)',
            'A narrower lead picture is flagged by the checks.',
          )}
        </div>
        <label className="check-row">
          <input
            type="checkbox"
            checked={fourEyes}
            onChange={(e) => setFourEyes(e.target.checked)}
          />{' '}
          Four-eyes rule: an author cannot approve their own story
        </label>
        <div className="settings-grid">
          <label className="check-row">
            <input
              type="checkbox"
              checked={comments}
              onChange={(e) => setComments(e.target.checked)}
            />{' '}
            Reader comments
          </label>
          {field('commentMinLength', 'Shortest comment (characters)')}
        </div>
        {field(
          'spellcheckLanguages',
          'Spellcheck languages',
          'Codes such as en-US, en-GB, hi; used by the desktop app.',
        )}
        <h3 className="panel-subtitle">Language and rights</h3>
        <div className="settings-grid">
          {field(
            'language',
            'Desk language',
            'BCP 47, such as en, hi or nb-NO: stories that name none.',
          )}
          {field(
            'timeZone',
            'Desk time zone',
            `An IANA name such as Europe/Oslo; empty: this computer's (${deskTimeZone('')}). Embargoes and schedules are shown in it.`,
          )}
          {field(
            'copyrightHolder',
            'Copyright holder',
            "For the desk's own stories in ninjs; an agency's story keeps the agency's.",
          )}
        </div>
        {field(
          'copyrightNotice',
          'Copyright notice',
          'Such as “Copyright 2026 Kerala Times. All rights reserved.”',
        )}
        <h3 className="panel-subtitle">CMS</h3>
        <CmsTargetFields
          draft={cms}
          onChange={setCms}
          secretStatus={secretStatus}
          test={test}
          testing={testing}
          onTest={() => void handleTest()}
        />
        {secretStatus && (
          <p className="muted small">
            {secretStatus.protection === 'os-keychain'
              ? 'Tokens and passwords are encrypted with the system keychain.'
              : 'Tokens and passwords are kept in a file only you can read (no system keychain in this mode).'}
          </p>
        )}
        <UpdateFields value={updates} onChange={setUpdates} />
        <DeskSection onChanged={() => onDeskChanged?.()} focus={focusDesk} />
        {warnings.length > 0 && (
          <div className="settings-warning" role="status" aria-label="Settings warning">
            <strong>Saved, but:</strong>
            {warnings.map((warning) => (
              <p key={warning}>{warning}</p>
            ))}
          </div>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <footer className="dialog-foot">
          <button type="button" className="button" onClick={onClose}>
            {warnings.length > 0 ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button primary">
            Save settings
          </button>
        </footer>
      </form>
    </dialog>
  )
}
