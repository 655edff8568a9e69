import type { DeskSettings } from '../../../../shared/domain/DeskSettings'
import type { SecretStatus } from '../../../../shared/domain/SecretStatus'
import { useId } from 'react'
import './settings.css'

/** The CMS targets as typed in Desk settings, secrets included (never read back from main). */
export type CmsDraft = {
  webhookUrl: string
  webhookToken: string
  webhookPictures: DeskSettings['webhookPictures']
  webhookPicturesUrl: string
  webhookPicturesFolder: string
  wordpressUrl: string
  wordpressUser: string
  wordpressPassword: string
  wordpressStatus: DeskSettings['wordpressStatus']
  wordpressDeck: DeskSettings['wordpressDeck']
  wordpressLinkRel: string
  wordpressSourceRel: string
}

export function cmsDraftOf(settings: DeskSettings): CmsDraft {
  return {
    webhookUrl: settings.webhookUrl,
    webhookToken: '',
    webhookPictures: settings.webhookPictures,
    webhookPicturesUrl: settings.webhookPicturesUrl,
    webhookPicturesFolder: settings.webhookPicturesFolder,
    wordpressUrl: settings.wordpressUrl,
    wordpressUser: settings.wordpressUser,
    wordpressPassword: '',
    wordpressStatus: settings.wordpressStatus,
    wordpressDeck: settings.wordpressDeck,
    wordpressLinkRel: settings.wordpressLinkRel,
    wordpressSourceRel: settings.wordpressSourceRel,
  }
}

/** The draft's settings part (secrets are saved apart), trimmed as the desk means them. */
export function cmsSettingsOf(draft: CmsDraft): Partial<DeskSettings> {
  return {
    webhookUrl: draft.webhookUrl.trim(),
    webhookPictures: draft.webhookPictures,
    webhookPicturesUrl: draft.webhookPicturesUrl.trim(),
    webhookPicturesFolder: draft.webhookPicturesFolder.trim(),
    wordpressUrl: draft.wordpressUrl.trim(),
    wordpressUser: draft.wordpressUser.trim(),
    wordpressStatus: draft.wordpressStatus,
    wordpressDeck: draft.wordpressDeck,
    wordpressLinkRel: draft.wordpressLinkRel.trim(),
    wordpressSourceRel: draft.wordpressSourceRel.trim(),
  }
}

type Props = {
  draft: CmsDraft
  onChange: (draft: CmsDraft) => void
  secretStatus: SecretStatus | null
  test: { ok: boolean; message: string } | null
  testing: boolean
  onTest: () => void
}

const STATUSES: DeskSettings['wordpressStatus'][] = ['draft', 'pending', 'publish']

/** The webhook and WordPress targets in Desk settings, with Test connection. */
export function CmsTargetFields({ draft, onChange, secretStatus, test, testing, onTest }: Props) {
  const picturesId = useId()
  const text = (key: keyof CmsDraft, label: string, hint?: string, rowStart = false) => (
    <label className={rowStart ? 'stacked settings-row-start' : 'stacked'}>
      <span>{label}</span>
      <input
        className="text-input"
        value={draft[key]}
        onChange={(e) => onChange({ ...draft, [key]: e.target.value })}
      />
      {hint && <small className="muted">{hint}</small>}
    </label>
  )
  const secret = (key: 'webhookToken' | 'wordpressPassword', label: string) => (
    <label className="stacked">
      <span>{label}</span>
      <input
        type="password"
        autoComplete="off"
        className="text-input"
        value={draft[key]}
        placeholder={secretStatus?.[key] ? 'Saved; type to replace' : 'Not set'}
        onChange={(e) => onChange({ ...draft, [key]: e.target.value })}
      />
    </label>
  )
  return (
    <div className="settings-grid">
      {text('webhookUrl', 'Webhook URL')}
      {secret('webhookToken', 'Webhook token')}
      <div className="stacked">
        <label htmlFor={picturesId}>Webhook pictures</label>
        <select
          id={picturesId}
          aria-describedby={`${picturesId}-hint`}
          value={draft.webhookPictures}
          onChange={(e) =>
            onChange({
              ...draft,
              webhookPictures: e.target.value === 'links' ? 'links' : 'base64',
            })
          }
        >
          <option value="base64">In the JSON, base64-encoded</option>
          <option value="links">As links the CMS fetches</option>
        </select>
        <small id={`${picturesId}-hint`} className="muted">
          {draft.webhookPictures === 'links'
            ? 'Each rendition is copied to the pictures folder and linked by its address there.'
            : 'Works without a public address; the push is about a third larger than the pictures.'}
        </small>
      </div>
      {draft.webhookPictures === 'links' &&
        text(
          'webhookPicturesUrl',
          'Webhook pictures address',
          'The public https:// address your web server serves the folder at.',
        )}
      {draft.webhookPictures === 'links' &&
        text(
          'webhookPicturesFolder',
          'Webhook pictures folder',
          'The folder on this computer that address serves.',
        )}
      {/* WordPress's fields start their own row, whatever number of webhook fields shows. */}
      {text('wordpressUrl', 'WordPress site URL', 'Its https:// address.', true)}
      {text('wordpressUser', 'WordPress user')}
      {secret('wordpressPassword', 'WordPress application password')}
      <label className="stacked">
        <span>WordPress post status</span>
        <select
          value={draft.wordpressStatus}
          onChange={(e) =>
            onChange({
              ...draft,
              wordpressStatus: STATUSES.find((s) => s === e.target.value) ?? 'draft',
            })
          }
        >
          <option value="draft">Draft</option>
          <option value="pending">Pending review</option>
          <option value="publish">Published</option>
        </select>
      </label>
      <div className="target-test">
        <button type="button" className="button small" disabled={testing} onClick={onTest}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        {/* Always in the page, so the answer is read out when it arrives. */}
        <span
          role="status"
          aria-label="WordPress connection"
          className={`target-test-result live-region ${test ? (test.ok ? 'ok' : 'bad') : ''}`}
        >
          {test?.message}
        </span>
      </div>
      <label className="stacked">
        <span>Deck in WordPress</span>
        <select
          value={draft.wordpressDeck}
          onChange={(e) =>
            onChange({
              ...draft,
              wordpressDeck: e.target.value === 'excerpt' ? 'excerpt' : 'standfirst',
            })
          }
        >
          <option value="standfirst">Standfirst paragraph above the story</option>
          <option value="excerpt">In the excerpt, before the summary</option>
        </select>
      </label>
      {text('wordpressLinkRel', 'Link rel in the story', 'e.g. noopener noreferrer nofollow')}
      {text('wordpressSourceRel', 'Link rel for sources', 'Sources are not nofollow by default.')}
    </div>
  )
}
