import { redoDepth, undoDepth } from '@tiptap/pm/history'
import { useEditorState, type Editor } from '@tiptap/react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import {
  ariaKeyShortcuts,
  matchesShortcut,
  shortcutHint,
  SHORTCUTS,
  type ShortcutId,
} from '../a11y/shortcuts'
import { useRovingTabIndex } from '../a11y/useRovingTabIndex'
import { LinkForm } from './LinkForm'
import './bodyEditor.css'
import { region } from '../a11y/useRegionCycling'

type Props = {
  editor: Editor
  /** Picture files chosen with Insert picture, to become figures at the cursor. */
  onInsertPictures?: (files: File[]) => void
}

const LINK_FORM_ID = 'link-form'

/**
 * Formatting controls for the body (the WAI-ARIA toolbar pattern: one stop in the Tab order,
 * arrows between the buttons). Each name contains the text the button shows, and its shortcut
 * comes from the app's one shortcut table.
 */
export function Toolbar({ editor, onInsertPictures }: Props) {
  const [linkOpen, setLinkOpen] = useState(false)
  const pictureChooser = useRef<HTMLInputElement>(null)
  const toolbar = useRef<HTMLDivElement>(null)
  const roving = useRovingTabIndex(toolbar, 'button.tool')
  useEffect(() => {
    const dom = editor.view.dom
    const handleKeyDown = (event: KeyboardEvent) => {
      if (matchesShortcut(event, SHORTCUTS.link)) {
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
  /** `pressed` is undefined for actions (Undo, Redo): they are plain buttons, not toggles. */
  const button = (
    id: ShortcutId,
    name: string,
    pressed: boolean | undefined,
    run: () => void,
    text: ReactNode,
    disabled = false,
  ) => (
    <button
      type="button"
      className="tool"
      aria-label={name}
      aria-pressed={pressed}
      aria-keyshortcuts={ariaKeyShortcuts(SHORTCUTS[id])}
      title={shortcutHint(name, SHORTCUTS[id])}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  )
  return (
    <div
      ref={toolbar}
      className="toolbar"
      role="toolbar"
      aria-label="Formatting"
      {...region('toolbar')}
      onFocus={roving.onFocus}
      onKeyDown={roving.onKeyDown}
    >
      <div className="tool-group">
        {button('paragraph', 'Paragraph', state.paragraph, () => chain().setParagraph().run(), '¶')}
        {button(
          'heading2',
          'Heading 2 (H2)',
          state.h2,
          () => chain().toggleHeading({ level: 2 }).run(),
          'H2',
        )}
        {button(
          'heading3',
          'Heading 3 (H3)',
          state.h3,
          () => chain().toggleHeading({ level: 3 }).run(),
          'H3',
        )}
      </div>
      <div className="tool-group">
        {button('bold', 'Bold (B)', state.bold, () => chain().toggleBold().run(), <b>B</b>)}
        {button('italic', 'Italic (I)', state.italic, () => chain().toggleItalic().run(), <i>I</i>)}
        <button
          type="button"
          className="tool"
          aria-expanded={linkOpen}
          aria-controls={linkOpen ? LINK_FORM_ID : undefined}
          aria-keyshortcuts={ariaKeyShortcuts(SHORTCUTS.link)}
          title={shortcutHint('Link', SHORTCUTS.link)}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => setLinkOpen((open) => !open)}
        >
          Link
        </button>
      </div>
      <div className="tool-group">
        {button(
          'bulletList',
          'Bulleted list',
          state.bulletList,
          () => chain().toggleBulletList().run(),
          '•',
        )}
        {button(
          'orderedList',
          'Numbered list (1.)',
          state.orderedList,
          () => chain().toggleOrderedList().run(),
          '1.',
        )}
        {button('quote', 'Quote', state.blockquote, () => chain().toggleBlockquote().run(), '“')}
        {button(
          'pullQuote',
          'Pull quote',
          state.pullQuote,
          () => chain().togglePullQuote().run(),
          '❝ Pull',
        )}
      </div>
      {onInsertPictures && (
        <div className="tool-group">
          <button
            type="button"
            className="tool"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pictureChooser.current?.click()}
          >
            Insert picture
          </button>
          <input
            ref={pictureChooser}
            type="file"
            hidden
            multiple
            aria-label="Picture files to insert"
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])]
              event.target.value = ''
              if (files.length > 0) onInsertPictures(files)
            }}
          />
        </div>
      )}
      <div className="tool-group">
        {button('undo', 'Undo', undefined, () => chain().undo().run(), '↶', !state.canUndo)}
        {button('redo', 'Redo', undefined, () => chain().redo().run(), '↷', !state.canRedo)}
      </div>
      {linkOpen && (
        <LinkForm id={LINK_FORM_ID} editor={editor} onClose={() => setLinkOpen(false)} />
      )}
    </div>
  )
}
