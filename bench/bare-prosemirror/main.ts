import { baseKeymap } from '@tiptap/pm/commands'
import { history, redo, undo } from '@tiptap/pm/history'
import { keymap } from '@tiptap/pm/keymap'
import { Schema } from '@tiptap/pm/model'
import { EditorState } from '@tiptap/pm/state'
import { EditorView } from '@tiptap/pm/view'

/**
 * The typing bench's baseline: ProseMirror with paragraphs, history and the base keymap, nothing
 * else, holding the same text as the article the app is measured on (fetched from text.json).
 */
const schema = new Schema({
  nodes: {
    doc: { content: 'paragraph+' },
    paragraph: { content: 'text*', toDOM: () => ['p', 0], parseDOM: [{ tag: 'p' }] },
    text: {},
  },
})

/** The same document in TipTap with the app's extensions but none of the app: which side costs what. */
async function mountTiptap(place: Element): Promise<void> {
  const [{ Editor }, { editorExtensions }] = await Promise.all([
    import('@tiptap/core'),
    import('../../src/shared/editor-schema/editorExtensions'),
  ])
  const content: unknown = await (await fetch('doc.json')).json()
  new Editor({
    element: place,
    extensions: editorExtensions(),
    content: content as object,
    editorProps: { attributes: { role: 'textbox', 'aria-label': 'Bare ProseMirror' } },
  })
  document.body.dataset['ready'] = 'true'
}

async function mount(): Promise<void> {
  if (location.search.includes('tiptap')) {
    const place = document.querySelector('#editor')
    if (place) return mountTiptap(place)
  }
  const response = await fetch('text.json')
  const paragraphs: unknown = await response.json()
  if (!Array.isArray(paragraphs)) throw new Error('text.json must be an array of paragraphs')
  const doc = schema.node(
    'doc',
    null,
    paragraphs.map((line) =>
      schema.node('paragraph', null, line ? [schema.text(String(line))] : []),
    ),
  )
  const place = document.querySelector('#editor')
  if (!place) throw new Error('no #editor element')
  new EditorView(place, {
    state: EditorState.create({
      doc,
      plugins: [history(), keymap({ 'Mod-z': undo, 'Mod-y': redo }), keymap(baseKeymap)],
    }),
    attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Bare ProseMirror' },
  })
  document.body.dataset['ready'] = 'true'
}

void mount()
