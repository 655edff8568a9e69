import { useCallback, useEffect, useState } from 'react'
import type { ImportProposal } from '../../../../shared/import/ImportProposal'
import { api, onMenuCommand } from '../../api'

export type PendingImport = { proposal: ImportProposal; source: string }

const ACCEPTED = /\.(txt|text|json|html?|xml)$/i

/**
 * Import from a file chosen in the app (File > Import, the Import button) or dropped on the window:
 * the file's text goes to main, which proposes an article for review.
 */
export function useFileImport(onError: (message: string) => void) {
  const [pending, setPending] = useState<PendingImport | null>(null)

  const importFile = useCallback(
    async (file: File) => {
      if (!ACCEPTED.test(file.name)) {
        onError(`${file.name}: Copydesk imports wire copy (.txt), ninjs (.json) and HTML (.html).`)
        return
      }
      try {
        const proposal = await api.proposeImport({ name: file.name, content: await file.text() })
        setPending({ proposal, source: file.name })
      } catch (error) {
        onError(
          `${file.name} could not be imported: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    },
    [onError],
  )

  const chooseFile = useCallback(() => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.txt,.text,.json,.html,.htm,.xml'
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      if (file) void importFile(file)
    })
    input.click()
  }, [importFile])

  useEffect(() => onMenuCommand((command) => command === 'import' && chooseFile()), [chooseFile])
  useEffect(() => {
    const handleDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault()
    }
    const handleDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0]
      if (!file) return
      event.preventDefault()
      void importFile(file)
    }
    window.addEventListener('dragover', handleDragOver)
    window.addEventListener('drop', handleDrop)
    return () => {
      window.removeEventListener('dragover', handleDragOver)
      window.removeEventListener('drop', handleDrop)
    }
  }, [importFile])

  return { pending, chooseFile, clear: useCallback(() => setPending(null), []) }
}
