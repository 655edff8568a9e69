import type { Editor } from '@tiptap/react'
import { useEffect, useState } from 'react'
import type { BodyDoc } from '../../../shared/domain/DocNode'
import { bodyOf } from './useBodyEditor'

export type BodySnapshot = { body: BodyDoc; characters: number }

/**
 * The body as JSON for checks, counts and the preview, taken a moment after typing stops so that
 * typing in a long article never waits for serialization.
 */
export function useBodySnapshot(
  editor: Editor | null,
  initial: BodyDoc,
  delayMs = 250,
): BodySnapshot {
  const [snapshot, setSnapshot] = useState<BodySnapshot>(() => ({ body: initial, characters: 0 }))
  useEffect(() => {
    if (!editor) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const take = () =>
      setSnapshot({
        body: bodyOf(editor),
        characters: editor.getText().replace(/\s+/g, ' ').trim().length,
      })
    const handleUpdate = () => {
      clearTimeout(timer)
      timer = setTimeout(take, delayMs)
    }
    timer = setTimeout(take, 0)
    editor.on('update', handleUpdate)
    return () => {
      clearTimeout(timer)
      editor.off('update', handleUpdate)
    }
  }, [editor, delayMs])
  return snapshot
}
