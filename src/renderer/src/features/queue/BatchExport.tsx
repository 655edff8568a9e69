import { useState } from 'react'
import { api } from '../../api'
import { ExportDestinationFields, useExportDestination } from '../export/ExportDestination'

/** Exports every approved story to a folder in one go, in either format. */
export function BatchExport() {
  const destination = useExportDestination()
  const { dir, format } = destination
  const [message, setMessage] = useState<string | null>(null)
  const handleExport = async () => {
    destination.remember()
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
      <ExportDestinationFields {...destination} />
      <button
        type="button"
        className="button primary"
        disabled={!dir.trim()}
        onClick={() => void handleExport()}
      >
        Export all approved
      </button>
      {/* Always in the page, so the result is read out when it arrives. */}
      <p role="status" className="export-message live-region">
        {message}
      </p>
    </section>
  )
}
