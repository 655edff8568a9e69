import { useState } from 'react'

export type ExportFormat = 'copydesk' | 'ninjs'

const FOLDER_KEY = 'copydesk:export-folder'

/** Where exports go and in which format; the folder is remembered for next time. */
export function useExportDestination() {
  const [dir, setDir] = useState(() => localStorage.getItem(FOLDER_KEY) ?? '')
  const [format, setFormat] = useState<ExportFormat>('copydesk')
  const remember = () => localStorage.setItem(FOLDER_KEY, dir)
  return { dir, setDir, format, setFormat, remember }
}

type Props = ReturnType<typeof useExportDestination> & { formatFirst?: boolean }

/** The folder and format controls, shared by the Export tab and the desk queue's batch export. */
export function ExportDestinationFields({ dir, setDir, format, setFormat, formatFirst }: Props) {
  const formatField = (
    <label className="stacked narrow" key="format">
      <span>Format</span>
      <select
        value={format}
        onChange={(e) => setFormat(e.target.value === 'ninjs' ? 'ninjs' : 'copydesk')}
      >
        <option value="copydesk">Copydesk publish JSON</option>
        <option value="ninjs">IPTC ninjs 3.1</option>
      </select>
    </label>
  )
  const folderField = (
    <label className="stacked" key="folder">
      <span>Export folder</span>
      <input
        className="text-input"
        value={dir}
        placeholder="/home/desk/exports"
        onChange={(e) => setDir(e.target.value)}
      />
    </label>
  )
  return <>{formatFirst ? [formatField, folderField] : [folderField, formatField]}</>
}
