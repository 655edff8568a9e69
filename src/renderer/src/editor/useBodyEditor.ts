import { Placeholder } from '@tiptap/extensions'
import { ReactNodeViewRenderer, useEditor, type Editor } from '@tiptap/react'
import DOMPurify from 'dompurify'
import type { BodyDoc } from '../../../shared/domain/DocNode'
import { editorExtensions } from '../../../shared/editor-schema/editorExtensions'
import { Figure } from '../../../shared/editor-schema/figure/figure'
import { FigureView } from './FigureView'
import { keepPastedFigures } from './keepPastedFigures'
import { cleanHtml } from '../../../shared/import/cleanHtml'
import { scrollCaretIntoView } from './scrollCaretIntoView'

/** The shared figure node with its React view (the schema file imports no React). */
const FigureWithView = Figure.extend({ addNodeView: () => ReactNodeViewRenderer(FigureView) })

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
  /** Picture files pasted or dropped on the body (`at`: where they were dropped). */
  onPictureFiles?: (files: File[], at?: number) => void
  /** Pasted HTML that holds pictures: its text is pasted as usual, its pictures are handed here. */
  onPastedPictures?: (html: string) => void
}): Editor | null {
  return useEditor({
    extensions: [
      ...editorExtensions().map((extension) =>
        extension.name === 'figure' ? FigureWithView : extension,
      ),
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
      transformPastedHTML: (html) => keepPastedFigures(html, (h) => cleanHtml(h, DOMPurify)),
      handlePaste: (view, event) => {
        const text = event.clipboardData?.getData('text/plain') ?? ''
        const files = [...(event.clipboardData?.files ?? [])]
        // A copied picture; a copy of text may carry a picture of itself too, and the text wins.
        if (files.length > 0 && !text.trim() && options.onPictureFiles) {
          options.onPictureFiles(files)
          return true
        }
        const html = event.clipboardData?.getData('text/html') ?? ''
        if (/<img\b/i.test(html)) options.onPastedPictures?.(html)
        const empty = view.state.doc.textContent.trim() === ''
        const looksLikeCopy = text.split(/\n\s*\n/).filter((b) => b.trim()).length >= 3
        return Boolean(empty && looksLikeCopy && options.onPasteIntoEmpty?.(text))
      },
      handleDrop: (view, event, _slice, moved) => {
        const files = [...(event.dataTransfer?.files ?? [])]
        if (moved || files.length === 0 || !options.onPictureFiles || !view.editable) return false
        // The app takes files dropped elsewhere as stories to import: this one is a picture.
        event.stopPropagation()
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos
        options.onPictureFiles(files, at)
        return true
      },
    },
    onUpdate: ({ editor }) => options.onChange(() => bodyOf(editor)),
  })
}

/** The editor's document as an article body. */
export function bodyOf(editor: Editor): BodyDoc {
  return { type: 'doc', content: editor.getJSON().content ?? [] }
}
