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

const LEAD_PICTURE_TARGETS: Record<string, string> = {
  'lead-picture-alt': 'field-lead-alt',
  'lead-picture-credit': 'field-lead-credit',
  'lead-picture-width': 'field-lead-caption',
}

/** Moves focus to what a check is about: a field, or the spot in the body (an empty attribution). */
export function focusCheck(check: Check, editor: Editor | null): void {
  const figure = /^figure-(\d+)-(alt|credit)$/.exec(check.id)
  if (figure && editor) {
    const view = editor.view.dom.querySelectorAll('.figure-view')[Number(figure[1]) - 1]
    const field = view?.querySelector<HTMLElement>(
      `[data-figure-field="${figure[2] === 'alt' ? 'altText' : 'credit'}"]`,
    )
    field?.scrollIntoView({ block: 'center' })
    field?.focus()
    return
  }
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
    check.id === 'dateline-date'
      ? 'dateline-date'
      : (LEAD_PICTURE_TARGETS[check.id] ?? FIELD_TARGETS[check.field] ?? ''),
  )
  element?.scrollIntoView({ block: 'center' })
  element?.focus()
}
