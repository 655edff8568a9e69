import { redoDepth, undoDepth } from '@tiptap/pm/history'
import { useEditorState, type Editor } from '@tiptap/react'
import { useEffect, useState } from 'react'
import { LinkForm } from './LinkForm'
import './bodyEditor.css'

type Props = { editor: Editor }

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform)
const mod = isMac ? '⌘' : 'Ctrl+'

/** Formatting controls for the body; each has an accessible name and shows its shortcut. */
export function Toolbar({ editor }: Props) {
  const [linkOpen, setLinkOpen] = useState(false)
  useEffect(() => {
    const dom = editor.view.dom
    const handleKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault()
        setLinkOpen(true)
      }
    }
    dom.addEventListener('keydown', handleKeyDown)
    return () => dom.removeEventListener('keydown', handleKeyDown)
  }, [editor])
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      paragraph: e.isActive('paragraph'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      link: e.isActive('link'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      pullQuote: e.isActive('pullQuote'),
      // The history's depth, not e.can().undo(): that builds a trial transaction on every keystroke.
      canUndo: undoDepth(e.state) > 0,
      canRedo: redoDepth(e.state) > 0,
    }),
  })
  const chain = () => editor.chain().focus()
  const button = (
    label: string,
    shortcut: string,
    active: boolean,
    run: () => void,
    text: string,
    disabled = false,
  ) => (
    <button
      type="button"
      className="tool"
      aria-label={label}
      aria-pressed={active}
      aria-keyshortcuts={shortcut.replace('⌘', 'Meta+').replace('Ctrl+', 'Control+')}
      title={`${label} (${shortcut})`}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  )
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      <div className="tool-group">
        {button(
          'Paragraph',
          `${mod}Alt+0`,
          state.paragraph,
          () => chain().setParagraph().run(),
          '¶',
        )}
        {button(
          'Heading 2',
          `${mod}Alt+2`,
          state.h2,
          () => chain().toggleHeading({ level: 2 }).run(),
          'H2',
        )}
        {button(
          'Heading 3',
          `${mod}Alt+3`,
          state.h3,
          () => chain().toggleHeading({ level: 3 }).run(),
          'H3',
        )}
      </div>
      <div className="tool-group">
        {button('Bold', `${mod}B`, state.bold, () => chain().toggleBold().run(), 'B')}
        {button('Italic', `${mod}I`, state.italic, () => chain().toggleItalic().run(), 'I')}
        {button('Link', `${mod}K`, state.link, () => setLinkOpen((open) => !open), 'Link')}
      </div>
      <div className="tool-group">
        {button(
          'Bulleted list',
          `${mod}Shift+8`,
          state.bulletList,
          () => chain().toggleBulletList().run(),
          '•',
        )}
        {button(
          'Numbered list',
          `${mod}Shift+7`,
          state.orderedList,
          () => chain().toggleOrderedList().run(),
          '1.',
        )}
        {button(
          'Quote',
          `${mod}Shift+B`,
          state.blockquote,
          () => chain().toggleBlockquote().run(),
          '“',
        )}
        {button(
          'Pull quote',
          `${mod}Shift+P`,
          state.pullQuote,
          () => chain().togglePullQuote().run(),
          '❝ Pull',
        )}
      </div>
      <div className="tool-group">
        {button('Undo', `${mod}Z`, false, () => chain().undo().run(), '↶', !state.canUndo)}
        {button('Redo', `${mod}Shift+Z`, false, () => chain().redo().run(), '↷', !state.canRedo)}
      </div>
      {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
    </div>
  )
}
