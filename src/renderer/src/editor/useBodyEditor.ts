import { Placeholder } from '@tiptap/extensions'
import { useEditor, type Editor } from '@tiptap/react'
import DOMPurify from 'dompurify'
import type { BodyDoc } from '../../../shared/domain/DocNode'
import { editorExtensions } from '../../../shared/editor-schema/editorExtensions'
import { cleanHtml } from '../../../shared/import/cleanHtml'
import { scrollCaretIntoView } from './scrollCaretIntoView'

const PLACEHOLDERS: Record<string, string> = {
  pullQuoteText: 'Quote…',
  pullQuoteAttribution: 'Attribution needed: who said it?',
}

/**
 * The TipTap editor for an article body, built from the shared schema extensions. It does not
 * re-render React on every transaction: the toolbar subscribes to just the state it shows.
 * Pasted HTML is sanitized by DOMPurify before the schema parses it.
 */
export function useBodyEditor(options: {
  content: BodyDoc
  editable: boolean
  onChange: (read: () => BodyDoc) => void
  /** Plain text pasted into an empty body; return true to take it over (wire import). */
  onPasteIntoEmpty?: (text: string) => boolean
}): Editor | null {
  return useEditor({
    extensions: [
      ...editorExtensions(),
      Placeholder.configure({
        includeChildren: true,
        showOnlyCurrent: false,
        placeholder: ({ editor, node }) =>
          PLACEHOLDERS[node.type.name] ??
          (editor.isEmpty && node.type.name === 'paragraph' ? 'Write the story…' : ''),
      }),
    ],
    content: options.content,
    editable: options.editable,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    // Nothing listens for 'delete' events, and computing them walks each transaction's steps per keystroke.
    enableCoreExtensions: { delete: false },
    editorProps: {
      attributes: {
        class: 'body-editor',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': 'Article body',
        // A locked story's body is shown, not editable: say so, as a read-only field would.
        'aria-readonly': String(!options.editable),
        spellcheck: 'true',
      },
      handleScrollToSelection: scrollCaretIntoView,
      transformPastedHTML: (html) => cleanHtml(html, DOMPurify),
      handlePaste: (view, event) => {
        const text = event.clipboardData?.getData('text/plain') ?? ''
        const empty = view.state.doc.textContent.trim() === ''
        const looksLikeCopy = text.split(/\n\s*\n/).filter((b) => b.trim()).length >= 3
        return Boolean(empty && looksLikeCopy && options.onPasteIntoEmpty?.(text))
      },
    },
    onUpdate: ({ editor }) => options.onChange(() => bodyOf(editor)),
  })
}

/** The editor's document as an article body. */
export function bodyOf(editor: Editor): BodyDoc {
  return { type: 'doc', content: editor.getJSON().content ?? [] }
}
