import { useState } from 'react'
import { api } from '../../api'

const FOLDER_KEY = 'copydesk:export-folder'

/** Exports every approved story to a folder in one go, in either format. */
export function BatchExport() {
  const [dir, setDir] = useState(() => localStorage.getItem(FOLDER_KEY) ?? '')
  const [format, setFormat] = useState<'copydesk' | 'ninjs'>('copydesk')
  const [message, setMessage] = useState<string | null>(null)
  const handleExport = async () => {
    localStorage.setItem(FOLDER_KEY, dir)
    setMessage('Exporting…')
    try {
      const files = await api.exportArticles({ status: 'approved', format, dir })
      setMessage(
        files.length === 0
          ? 'No approved stories to export.'
          : `Exported ${files.length} approved ${files.length === 1 ? 'story' : 'stories'} to ${dir}.`,
      )
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error))
    }
  }
  return (
    <section className="batch-export" aria-label="Export every approved story">
      <label className="stacked">
        <span>Export folder</span>
        <input
          className="text-input"
          value={dir}
          placeholder="/home/desk/exports"
          onChange={(e) => setDir(e.target.value)}
        />
      </label>
      <label className="stacked narrow">
        <span>Format</span>
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value === 'ninjs' ? 'ninjs' : 'copydesk')}
        >
          <option value="copydesk">Copydesk JSON</option>
          <option value="ninjs">IPTC ninjs 3.1</option>
        </select>
      </label>
      <button
        type="button"
        className="button primary"
        disabled={!dir.trim()}
        onClick={() => void handleExport()}
      >
        Export all approved
      </button>
      {message && (
        <p role="status" className="export-message">
          {message}
        </p>
      )}
    </section>
  )
}
