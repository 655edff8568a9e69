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

/**
 * TipTap with the app's extensions but none of the app: with the article's document, or (`plain`)
 * with its text as plain paragraphs, as the bare editor has it. Together they say which side costs what.
 */
async function mountTiptap(place: Element, plain: boolean): Promise<void> {
  const [{ Editor }, { editorExtensions }] = await Promise.all([
    import('@tiptap/core'),
    import('../../src/shared/editor-schema/editorExtensions'),
  ])
  const content: unknown = plain
    ? { type: 'doc', content: (await paragraphs()).map(paragraphJson) }
    : await (await fetch('doc.json')).json()
  new Editor({
    element: place,
    extensions: editorExtensions(),
    content: content as object,
    editorProps: { attributes: { role: 'textbox', 'aria-label': 'Bare ProseMirror' } },
  })
  document.body.dataset['ready'] = 'true'
}

async function paragraphs(): Promise<string[]> {
  const lines: unknown = await (await fetch('text.json')).json()
  if (!Array.isArray(lines)) throw new Error('text.json must be an array of paragraphs')
  return lines.map(String)
}

function paragraphJson(line: string): object {
  return { type: 'paragraph', content: line ? [{ type: 'text', text: line }] : [] }
}

async function mount(): Promise<void> {
  const mode = new URLSearchParams(location.search).get('editor')
  if (mode === 'tiptap' || mode === 'tiptap-plain') {
    const place = document.querySelector('#editor')
    if (place) return mountTiptap(place, mode === 'tiptap-plain')
  }
  const doc = schema.node(
    'doc',
    null,
    (await paragraphs()).map((line) =>
      schema.node('paragraph', null, line ? [schema.text(line)] : []),
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
