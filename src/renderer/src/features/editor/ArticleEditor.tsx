import { EditorContent } from '@tiptap/react'
import { useEffect, useState } from 'react'
import type { Article, EditableFields } from '../../../../shared/domain/Article'
import { countWords } from '../../../../shared/domain/countWords'
import { api, onMenuCommand } from '../../api'
import { Toolbar } from '../../editor/Toolbar'
import { useBodyEditor } from '../../editor/useBodyEditor'
import { statusLabel } from '../articles/statusLabel'
import { Autosaver } from './Autosaver'
import { ConflictBanner } from './ConflictBanner'
import { SaveIndicator } from './SaveIndicator'
import type { SaveState } from './SaveState'

type Props = {
  article: Article
  /** Fields that differ from `article` because they were restored from an unsaved backup. */
  restored: Partial<EditableFields>
  onSaved: (article: Article) => void
  onReload: (article: Article) => void
  onClose: () => void
  onTrash: (id: string) => void
}

/** Headline and body of one article, autosaved. Mounted once per open article (keyed by id). */
export function ArticleEditor({ article, restored, onSaved, onReload, onClose, onTrash }: Props) {
  const [headline, setHeadline] = useState(article.headline)
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved', at: article.updatedAt })
  const [revision, setRevision] = useState(article.revision)
  const [wordCount, setWordCount] = useState(0)
  const [saver] = useState(
    () =>
      new Autosaver({
        article,
        restored,
        save: (input) => api.saveArticle(input),
        onState: setSaveState,
      }),
  )
  const editor = useBodyEditor({
    content: article.body,
    editable: true,
    onChange: (read) => saver.change('body', read),
  })

  useEffect(() => () => saver.release(), [saver])
  useEffect(
    () =>
      saver.onSaved((saved) => {
        setRevision(saved.revision)
        onSaved(saved)
      }),
    [saver, onSaved],
  )
  useWordCount(editor, setWordCount)
  useSaveShortcuts(saver, onClose)

  if (!editor) return null

  const handleTakeTheirs = (current: Article) => {
    void navigator.clipboard?.writeText(editor.getText()).catch(() => undefined)
    saver.discard()
    onReload(current)
  }

  return (
    <div className="editor-screen">
      <header className="editor-bar">
        <div className="editor-bar-meta">
          <span className={`status-pill status-${article.status}`}>
            {statusLabel(article.status)}
          </span>
          <span className="muted">Revision {revision}</span>
          <span className="muted">{wordCount.toLocaleString('en-US')} words</span>
        </div>
        <SaveIndicator state={saveState} onRetry={() => void saver.flush()} />
        <button
          type="button"
          className="button small"
          onClick={() => void saver.flush().then(() => onTrash(article.id))}
        >
          Move to trash
        </button>
        <button type="button" className="button small" onClick={onClose} aria-label="Close article">
          Close
        </button>
      </header>
      {saveState.kind === 'failed' && (
        <p className="save-error" role="alert">
          <strong>Save failed:</strong> {saveState.reason} Your text is safe in this window and is
          saved as soon as the store answers.
        </p>
      )}
      {saveState.kind === 'conflict' && (
        <ConflictBanner
          current={saveState.current}
          onKeepMine={() => saver.resolveKeepingMine(saveState.current.revision)}
          onTakeTheirs={() => handleTakeTheirs(saveState.current)}
        />
      )}
      <Toolbar editor={editor} />
      <div className="page-scroll">
        <article className="page">
          <label className="field headline-field">
            <span className="field-label">Headline</span>
            <textarea
              className="headline-input"
              rows={1}
              value={headline}
              placeholder="Headline"
              onChange={(event) => {
                const value = event.target.value.replace(/\n/g, ' ')
                setHeadline(value)
                saver.change('headline', () => value)
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault()
                  editor.commands.focus('start')
                }
              }}
            />
          </label>
          <EditorContent editor={editor} className="body-field" />
        </article>
      </div>
    </div>
  )
}

/** Recounts body words a moment after typing stops, so long articles type without lag. */
function useWordCount(
  editor: ReturnType<typeof useBodyEditor>,
  setCount: (count: number) => void,
): void {
  useEffect(() => {
    if (!editor) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const recount = () => setCount(countWords(editor.getText({ blockSeparator: '\n' })))
    const handleUpdate = () => {
      clearTimeout(timer)
      timer = setTimeout(recount, 300)
    }
    recount()
    editor.on('update', handleUpdate)
    return () => {
      clearTimeout(timer)
      editor.off('update', handleUpdate)
    }
  }, [editor, setCount])
}

/** Ctrl/Cmd+S saves now; the native menu's Save and Close do the same in the desktop app. */
function useSaveShortcuts(saver: Autosaver, onClose: () => void): void {
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 's') {
        event.preventDefault()
        void saver.flush()
      }
    }
    const handleBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!saver.hasUnsaved) return
      void saver.flush()
      event.preventDefault()
    }
    const offMenu = onMenuCommand((command) => {
      if (command === 'save') void saver.flush()
      if (command === 'close') void saver.flush().then(onClose)
    })
    window.addEventListener('keydown', handleKeyDown)
    window.addEventListener('beforeunload', handleBeforeUnload)
    return () => {
      offMenu()
      window.removeEventListener('keydown', handleKeyDown)
      window.removeEventListener('beforeunload', handleBeforeUnload)
    }
  }, [saver, onClose])
}
