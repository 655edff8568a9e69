import type { Editor } from '@tiptap/react'
import type { Check } from '../../../shared/domain/checkArticle'

const FIELD_TARGETS: Partial<Record<Check['field'], string>> = {
  headline: 'field-headline',
  deck: 'field-deck',
  summary: 'field-summary',
  keyPoints: 'key-points-title',
  dateline: 'dateline-place',
  byline: 'field-byline',
  credit: 'field-credit',
  tags: 'field-tags',
  embargoedUntil: 'field-embargo',
}

/** Moves focus to what a check is about: a field, or the spot in the body (an empty attribution). */
export function focusCheck(check: Check, editor: Editor | null): void {
  if (check.field === 'body' && editor) {
    const target =
      check.id === 'pull-quote-attribution'
        ? 'pullQuoteAttribution'
        : check.id === 'pull-quote-empty'
          ? 'pullQuoteText'
          : null
    let position: number | null = null
    if (target) {
      editor.state.doc.descendants((node, pos) => {
        if (position === null && node.type.name === target && node.textContent.trim() === '')
          position = pos + 1
        return position === null
      })
    }
    if (position !== null) editor.chain().focus().setTextSelection(position).scrollIntoView().run()
    else editor.commands.focus('start')
    return
  }
  const element = document.getElementById(
    check.id === 'dateline-date' ? 'dateline-date' : (FIELD_TARGETS[check.field] ?? ''),
  )
  element?.scrollIntoView({ block: 'center' })
  element?.focus()
}
