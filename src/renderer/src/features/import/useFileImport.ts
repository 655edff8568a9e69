import { useCallback, useEffect, useRef, useState } from 'react'
import type { ImportProposal } from '../../../../shared/import/ImportProposal'
import { api, onMenuCommand, onOpenedFile } from '../../api'

export type PendingImport = { proposal: ImportProposal; source: string }

const ACCEPTED = /\.(txt|text|json|html?|xml)$/i

/**
 * Import from a file chosen in the app (File > Import, the Import button), dropped on the window,
 * or opened from the system (a double-click on a .ninjs.json, `Copydesk story.json`): the file's
 * text goes to main, which proposes an article for review. Files opened from the system are
 * reviewed one after another.
 */
export function useFileImport(onError: (message: string) => void) {
  const [pending, setPending] = useState<PendingImport | null>(null)
  const openedInTurn = useRef<Promise<void>>(Promise.resolve())
  const reviewClosed = useRef<(() => void)[]>([])

  /** True when the review opened. */
  const importText = useCallback(
    async (name: string, text: () => Promise<string>): Promise<boolean> => {
      if (!ACCEPTED.test(name)) {
        onError(`${name}: Copydesk imports wire copy (.txt), ninjs (.json) and HTML (.html).`)
        return false
      }
      try {
        const proposal = await api.proposeImport({ name, content: await text() })
        setPending({ proposal, source: name })
        return true
      } catch (error) {
        onError(
          `${name} could not be imported: ${error instanceof Error ? error.message : String(error)}`,
        )
        return false
      }
    },
    [onError],
  )
  const importFile = useCallback(
    (file: File) => importText(file.name, () => file.text()),
    [importText],
  )

  // Each opened file waits for the review of the one before it to close.
  useEffect(
    () =>
      onOpenedFile((file) => {
        openedInTurn.current = openedInTurn.current.then(async () => {
          if ('error' in file) return onError(`${file.name} could not be imported: ${file.error}`)
          if (await importText(file.name, async () => file.content))
            await new Promise<void>((resolve) => reviewClosed.current.push(resolve))
        })
      }),
    [importText, onError],
  )
  const clear = useCallback(() => {
    setPending(null)
    for (const resolve of reviewClosed.current.splice(0)) resolve()
  }, [])

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

  return { pending, chooseFile, clear }
}
