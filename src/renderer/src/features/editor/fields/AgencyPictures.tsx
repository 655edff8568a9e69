import { useState } from 'react'
import type { IncomingPicture } from '../../../../../shared/media/IncomingPicture'

type Props = {
  /** The pictures the story's agency item carries, not downloaded yet. */
  pictures: IncomingPicture[]
  editable: boolean
  /** The story has a lead picture already: a download replaces it. */
  hasLead: boolean
  /** Downloads the picture at `href` and makes it the lead picture; rejects with the refusal. */
  onDownload: (href: string) => Promise<void>
}

/**
 * The agency item's pictures, listed with their words and where they would come from. Nothing is
 * fetched until the desk clicks: the address is the agency's, and the download is on the desk's say.
 */
export function AgencyPictures({ pictures, editable, hasLead, onDownload }: Props) {
  const [running, setRunning] = useState<string | null>(null)
  const [refusals, setRefusals] = useState<Record<string, string>>({})

  const handleDownload = async (href: string) => {
    if (running) return
    setRunning(href)
    setRefusals(({ [href]: _old, ...rest }) => rest)
    try {
      await onDownload(href)
    } catch (refused) {
      const message = refused instanceof Error ? refused.message : String(refused)
      setRefusals((all) => ({ ...all, [href]: message }))
    } finally {
      setRunning(null)
    }
  }

  if (pictures.length === 0) return null
  return (
    <section className="agency-pictures" aria-labelledby="agency-pictures-title">
      <h3 id="agency-pictures-title" className="agency-pictures-title">
        {pictures.length === 1 ? 'Agency picture' : `Agency pictures (${pictures.length})`}
        <span className="muted small">
          {hasLead
            ? ' · not downloaded; downloading one replaces the lead picture'
            : ' · waiting, not downloaded'}
        </span>
      </h3>
      <ul className="agency-pictures-list">
        {pictures.map((picture) => {
          const title = picture.caption || picture.name || hostOf(picture.href)
          const refusal = refusals[picture.href]
          const busy = running === picture.href
          return (
            <li key={picture.href} className="agency-picture" aria-label={title}>
              <div className="agency-picture-words">
                <p className="agency-picture-caption">{picture.caption || 'No caption given'}</p>
                <p className="muted small">
                  {[picture.credit || picture.creator, picture.copyright]
                    .filter(Boolean)
                    .join(' · ') || 'No credit given'}
                  {' · from '}
                  <span className="agency-picture-host" title={picture.href}>
                    {hostOf(picture.href)}
                  </span>
                  {picture.width && picture.height
                    ? ` · ${picture.width} × ${picture.height} px`
                    : ''}
                </p>
              </div>
              {editable && (
                <button
                  type="button"
                  className="button small"
                  disabled={running !== null}
                  aria-label={`Download as lead picture: ${title}`}
                  onClick={() => void handleDownload(picture.href)}
                >
                  {busy ? 'Downloading…' : 'Download as lead picture'}
                </button>
              )}
              {/* Always there, so a screen reader hears the download start. */}
              <p className="muted small" role="status">
                {busy ? `Downloading from ${hostOf(picture.href)}…` : ''}
              </p>
              {refusal && (
                <p className="field-error" role="alert">
                  {refusal}
                </p>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function hostOf(href: string): string {
  try {
    return new URL(href).host
  } catch {
    return href
  }
}
