import type { AppInfo } from '../../../../shared/ipc/contract'
import './articles.css'

/** Says, above everything, that this data folder can be read but nothing in it can be saved, and why. */
export function ReadOnlyBanner({ info }: { info: AppInfo | null }) {
  // The alert is in the page from the start, empty, so its words are read out when they arrive.
  if (!info?.readOnly) return <section className="live-region" role="alert" />
  return (
    <section className="read-only-banner" role="alert" aria-label="Read-only data folder">
      <strong>This data folder is read-only: you can read stories, nothing can be saved.</strong>{' '}
      {info.readOnly.reason} To write again, make the folder writable and restart Copydesk, or start
      it on another folder with --data-dir.
    </section>
  )
}
