import { useEffect, useState, type FormEvent } from 'react'
import { useModalDialog } from '../../useModalDialog'
import { DeskSettings } from '../../../../shared/domain/DeskSettings'
import type { SecretStatus } from '../../../../shared/ipc/contract'
import { api } from '../../api'

type Props = {
  settings: DeskSettings
  onSave: (settings: DeskSettings) => Promise<void>
  onClose: () => void
}

type Draft = Record<
  | 'headlineLimit'
  | 'summaryLimit'
  | 'keyPointsMin'
  | 'keyPointsMax'
  | 'commentMinLength'
  | 'spellcheckLanguages'
  | 'webhookUrl'
  | 'wordpressUrl'
  | 'wordpressUser'
  | 'wordpressLinkRel'
  | 'wordpressSourceRel',
  string
>

/** The desk's rules, reader comments, spellcheck languages and CMS targets, shared by every window. */
export function SettingsDialog({ settings, onSave, onClose }: Props) {
  const dialog = useModalDialog()
  const [draft, setDraft] = useState<Draft>({
    headlineLimit: String(settings.headlineLimit),
    summaryLimit: String(settings.summaryLimit),
    keyPointsMin: String(settings.keyPointsMin),
    keyPointsMax: String(settings.keyPointsMax),
    commentMinLength: String(settings.commentMinLength),
    spellcheckLanguages: settings.spellcheckLanguages.join(', '),
    webhookUrl: settings.webhookUrl,
    wordpressUrl: settings.wordpressUrl,
    wordpressUser: settings.wordpressUser,
    wordpressLinkRel: settings.wordpressLinkRel,
    wordpressSourceRel: settings.wordpressSourceRel,
  })
  const [fourEyes, setFourEyes] = useState(settings.fourEyes)
  const [comments, setComments] = useState(settings.commentsEnabled)
  const [wpStatus, setWpStatus] = useState(settings.wordpressStatus)
  const [wpDeck, setWpDeck] = useState(settings.wordpressDeck)
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null)
  const [testing, setTesting] = useState(false)
  const [secrets, setSecrets] = useState({ webhookToken: '', wordpressPassword: '' })
  const [secretStatus, setSecretStatus] = useState<SecretStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    api.getSecretStatus({}).then(setSecretStatus, () => undefined)
  }, [])

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = DeskSettings.safeParse({
      ...settings,
      headlineLimit: Number(draft.headlineLimit),
      summaryLimit: Number(draft.summaryLimit),
      keyPointsMin: Number(draft.keyPointsMin),
      keyPointsMax: Number(draft.keyPointsMax),
      commentMinLength: Number(draft.commentMinLength),
      commentsEnabled: comments,
      fourEyes,
      spellcheckLanguages: draft.spellcheckLanguages.split(/[\s,]+/).filter(Boolean),
      webhookUrl: draft.webhookUrl.trim(),
      wordpressUrl: draft.wordpressUrl.trim(),
      wordpressUser: draft.wordpressUser.trim(),
      wordpressStatus: wpStatus,
      wordpressDeck: wpDeck,
      wordpressLinkRel: draft.wordpressLinkRel.trim(),
      wordpressSourceRel: draft.wordpressSourceRel.trim(),
    })
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
      return
    }
    try {
      // The addresses first: a secret is kept for the address saved with it, and a moved address
      // forgets the old secret.
      await onSave(parsed.data)
      if (secrets.webhookToken)
        await api.setSecret({ name: 'webhookToken', value: secrets.webhookToken })
      if (secrets.wordpressPassword)
        await api.setSecret({ name: 'wordpressPassword', value: secrets.wordpressPassword })
      const now = await api.getSecretStatus({})
      const lost = [
        secretStatus?.webhookToken && !now.webhookToken ? 'the webhook token' : null,
        secretStatus?.wordpressPassword && !now.wordpressPassword
          ? 'the WordPress application password'
          : null,
      ].filter(Boolean)
      setSecretStatus(now)
      setSecrets({ webhookToken: '', wordpressPassword: '' })
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
        Boolean(secrets.wordpressPassword)
      if (wpChanged && parsed.data.wordpressUrl && now.wordpressPassword) {
        const result = await api.testConnection({ target: 'wordpress' })
        setTest(result)
        if (!result.ok) {
          setError('Saved, but WordPress did not let Copydesk sign in: see above.')
          return
        }
      }
      onClose()
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
          url: draft.wordpressUrl.trim(),
          user: draft.wordpressUser.trim(),
          ...(secrets.wordpressPassword ? { password: secrets.wordpressPassword } : {}),
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
  const secret = (name: 'webhookToken' | 'wordpressPassword', label: string) => (
    <label className="stacked">
      <span>{label}</span>
      <input
        type="password"
        autoComplete="off"
        className="text-input"
        value={secrets[name]}
        placeholder={secretStatus?.[name] ? 'Saved; type to replace' : 'Not set'}
        onChange={(e) => setSecrets({ ...secrets, [name]: e.target.value })}
      />
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
        <h3 className="panel-subtitle">CMS</h3>
        <div className="settings-grid">
          {field('webhookUrl', 'Webhook URL')}
          {secret('webhookToken', 'Webhook token')}
          {field('wordpressUrl', 'WordPress site URL')}
          {field('wordpressUser', 'WordPress user')}
          {secret('wordpressPassword', 'WordPress application password')}
          <label className="stacked">
            <span>WordPress post status</span>
            <select
              value={wpStatus}
              onChange={(e) =>
                setWpStatus(
                  e.target.value === 'publish'
                    ? 'publish'
                    : e.target.value === 'pending'
                      ? 'pending'
                      : 'draft',
                )
              }
            >
              <option value="draft">Draft</option>
              <option value="pending">Pending review</option>
              <option value="publish">Published</option>
            </select>
          </label>
          <div className="target-test">
            <button
              type="button"
              className="button small"
              disabled={testing}
              onClick={() => void handleTest()}
            >
              {testing ? 'Testing…' : 'Test connection'}
            </button>
            {test && (
              <span
                role="status"
                aria-label="WordPress connection"
                className={`target-test-result ${test.ok ? 'ok' : 'bad'}`}
              >
                {test.message}
              </span>
            )}
          </div>
          <label className="stacked">
            <span>Deck in WordPress</span>
            <select
              value={wpDeck}
              onChange={(e) => setWpDeck(e.target.value === 'excerpt' ? 'excerpt' : 'standfirst')}
            >
              <option value="standfirst">Standfirst paragraph above the story</option>
              <option value="excerpt">In the excerpt, before the summary</option>
            </select>
          </label>
          {field('wordpressLinkRel', 'Link rel in the story', 'e.g. noopener noreferrer nofollow')}
          {field(
            'wordpressSourceRel',
            'Link rel for sources',
            'Sources are not nofollow by default.',
          )}
        </div>
        {secretStatus && (
          <p className="muted small">
            {secretStatus.protection === 'os-keychain'
              ? 'Tokens and passwords are encrypted with the system keychain.'
              : 'Tokens and passwords are kept in a file only you can read (no system keychain in this mode).'}
          </p>
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
