import type { Editor } from '@tiptap/react'
import { useCallback, useState } from 'react'
import type { EditableFields } from '../../../../shared/domain/Article'
import type { ImportProposal } from '../../../../shared/import/ImportProposal'
import { api } from '../../api'

type Update = <F extends Exclude<keyof EditableFields, 'body'>>(
  field: F,
  value: EditableFields[F],
) => void

const IMPORTED_FIELDS = [
  'headline',
  'deck',
  'summary',
  'keyPoints',
  'dateline',
  'byline',
  'credit',
  'sources',
  'tags',
  'language',
  'entities',
  'contentCreated',
  'copyrightHolder',
  'copyrightNotice',
  'feedItem',
  'embargoedUntil',
] as const

/**
 * Wire copy pasted into an empty article is read by the importer and offered for review; whatever
 * happens (declined, unreadable, store unreachable) the pasted text lands in the body. A paste is never lost.
 */
export function usePasteImport(editorRef: { current: Editor | null }, update: Update) {
  const [pending, setPending] = useState<{ text: string; proposal: ImportProposal } | null>(null)

  const insertPlain = useCallback(
    (text: string) => {
      const paragraphs = text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
      editorRef.current?.commands.insertContent(
        paragraphs.map((p) => ({
          type: 'paragraph',
          content: [{ type: 'text', text: p.replace(/\s*\n\s*/g, ' ') }],
        })),
      )
    },
    [editorRef],
  )

  const onPasteIntoEmpty = useCallback(
    (text: string) => {
      api.proposeImport({ name: 'Pasted text', content: text }).then(
        (proposal) =>
          proposal.format === 'plain-text' ? insertPlain(text) : setPending({ text, proposal }),
        () => insertPlain(text),
      )
      return true
    },
    [insertPlain],
  )

  const accept = useCallback(
    (proposal: ImportProposal) => {
      const imported = proposal.fields
      const take = <F extends Exclude<keyof EditableFields, 'body'>>(field: F) => {
        if (hasContent(imported[field])) update(field, imported[field])
      }
      for (const field of IMPORTED_FIELDS) take(field)
      editorRef.current?.commands.setContent(imported.body, { emitUpdate: true })
      setPending(null)
      return true
    },
    [editorRef, update],
  )

  const decline = useCallback(() => {
    if (pending) insertPlain(pending.text)
    setPending(null)
  }, [pending, insertPlain])

  return { pending, onPasteIntoEmpty, accept, decline }
}

function hasContent(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== ''
  if (Array.isArray(value)) return value.length > 0
  if (value && typeof value === 'object') return Object.values(value).some(hasContent)
  return value !== null && value !== undefined
}
