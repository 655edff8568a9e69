import { Placeholder } from '@tiptap/extensions'
import { useEditor, type Editor } from '@tiptap/react'
import type { BodyDoc } from '../../../shared/domain/DocNode'
import { editorExtensions } from '../../../shared/editor-schema/editorExtensions'

/**
 * The TipTap editor for an article body, built from the shared schema extensions. It does not
 * re-render React on every transaction: the toolbar subscribes to just the state it shows.
 */
export function useBodyEditor(options: {
  content: BodyDoc
  editable: boolean
  onChange: (read: () => BodyDoc) => void
}): Editor | null {
  return useEditor({
    extensions: [...editorExtensions(), Placeholder.configure({ placeholder: 'Write the story…' })],
    content: options.content,
    editable: options.editable,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        class: 'body-editor',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': 'Article body',
        spellcheck: 'true',
      },
    },
    onUpdate: ({ editor }) => options.onChange(() => bodyOf(editor)),
  })
}

/** The editor's document as an article body. */
export function bodyOf(editor: Editor): BodyDoc {
  return { type: 'doc', content: editor.getJSON().content ?? [] }
}
