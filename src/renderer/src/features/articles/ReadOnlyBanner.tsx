import type { AppInfo } from '../../../../shared/ipc/contract'
import './articles.css'

/** Says, above everything, that this data folder can be read but nothing in it can be saved, and why. */
export function ReadOnlyBanner({ info }: { info: AppInfo | null }) {
  if (!info?.readOnly) return null
  return (
    <section className="read-only-banner" role="alert" aria-label="Read-only data folder">
      <strong>This data folder is read-only: you can read stories, nothing can be saved.</strong>{' '}
      {info.readOnly.reason} To write again, make the folder writable and restart Copydesk, or start
      it on another folder with --data-dir.
    </section>
  )
}
