import { useModalDialog } from '../useModalDialog'

type Props = { url: string; onAnswer: (download: boolean) => void }

/** Asks before a pasted page's picture is fetched from the web, naming the address in full. */
export function DownloadPictureDialog({ url, onAnswer }: Props) {
  const dialog = useModalDialog()
  const host = new URL(url).host
  return (
    <dialog
      ref={dialog}
      className="import-review download-picture"
      aria-labelledby="download-picture-title"
      aria-describedby="download-picture-address"
      onCancel={(event) => {
        event.preventDefault()
        onAnswer(false)
      }}
    >
      <header className="dialog-head">
        <h2 id="download-picture-title">Download the pasted picture from {host}?</h2>
        <p className="muted">
          The copied page shows a picture stored on the web. Copydesk fetches it over https, checks
          it like any picture file and keeps a copy with the story.
        </p>
      </header>
      <p id="download-picture-address" className="download-address">
        {url}
      </p>
      <footer className="dialog-foot">
        <button type="button" className="button" onClick={() => onAnswer(false)}>
          Leave it out
        </button>
        <button type="button" className="button primary" onClick={() => onAnswer(true)}>
          Download picture
        </button>
      </footer>
    </dialog>
  )
}
