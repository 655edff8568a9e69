import type { Editor } from '@tiptap/react'
import { useEffect, useState } from 'react'
import type { BodyDoc } from '../../../shared/domain/DocNode'
import { pauseDelay } from '../pauseDelay'
import { bodyOf } from './useBodyEditor'
import { systemClock } from '../../../shared/domain/Clock'

export type BodySnapshot = { body: BodyDoc; characters: number }

/**
 * The body as JSON for checks, counts and the preview, taken a moment after typing pauses so that
 * typing in a long article seldom waits for serialization, and at least every `maxWaitMs` while it
 * goes on, so the counts and checks never lag far behind a fast typist.
 */
export function useBodySnapshot(
  editor: Editor | null,
  initial: BodyDoc,
  delayMs = 250,
  maxWaitMs = 2000,
): BodySnapshot {
  const [snapshot, setSnapshot] = useState<BodySnapshot>(() => ({ body: initial, characters: 0 }))
  useEffect(() => {
    if (!editor) return
    let timer: ReturnType<typeof setTimeout> | undefined
    let firstPending: number | undefined
    const take = () => {
      firstPending = undefined
      setSnapshot({
        body: bodyOf(editor),
        characters: editor.getText().replace(/\s+/g, ' ').trim().length,
      })
    }
    const handleUpdate = () => {
      const now = systemClock.now().getTime()
      firstPending ??= now
      clearTimeout(timer)
      timer = setTimeout(take, pauseDelay(firstPending, now, delayMs, maxWaitMs))
    }
    timer = setTimeout(take, 0)
    editor.on('update', handleUpdate)
    return () => {
      clearTimeout(timer)
      editor.off('update', handleUpdate)
    }
  }, [editor, delayMs, maxWaitMs])
  return snapshot
}
