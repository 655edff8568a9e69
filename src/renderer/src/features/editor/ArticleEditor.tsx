import { EditorContent } from '@tiptap/react'
import { useEffect, useMemo, useState } from 'react'
import type { Article, EditableFields } from '../../../../shared/domain/Article'
import { checkArticle } from '../../../../shared/domain/checkArticle'
import type { DeskSettings } from '../../../../shared/domain/DeskSettings'
import { toPublication } from '../../../../shared/export/toPublication'
import type { ImportProposal } from '../../../../shared/import/ImportProposal'
import { api } from '../../api'
import { focusCheck } from '../../editor/focusCheck'
import { Toolbar } from '../../editor/Toolbar'
import { useBodyEditor } from '../../editor/useBodyEditor'
import { useBodySnapshot } from '../../editor/useBodySnapshot'
import { ImportReview } from '../import/ImportReview'
import { PreviewPane } from '../preview/PreviewPane'
import { ArticleBottom, ArticleTop } from './ArticleFields'
import { Autosaver } from './Autosaver'
import { ChecksPanel } from './ChecksPanel'
import { CountsPanel } from './CountsPanel'
import { EditorBar } from './EditorBar'
import { SaveBanners } from './SaveBanners'
import type { SaveState } from './SaveState'
import { useArticleFields } from './useArticleFields'
import { useEditorShortcuts } from './useEditorShortcuts'

type Props = {
  article: Article
  settings: DeskSettings
  /** Fields that differ from `article` because they were restored from an unsaved backup. */
  restored: Partial<EditableFields>
  onSaved: (article: Article) => void
  onReload: (article: Article) => void
  onClose: () => void
  onTrash: (id: string) => void
}

/** Every part of one article, autosaved, with live checks, counts and preview. Mounted once per open article. */
export function ArticleEditor({
  article,
  settings,
  restored,
  onSaved,
  onReload,
  onClose,
  onTrash,
}: Props) {
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved', at: article.updatedAt })
  const [revision, setRevision] = useState(article.revision)
  const [previewOpen, setPreviewOpen] = useState(false)
  const [tagSuggestions, setTagSuggestions] = useState<string[]>([])
  const [saver] = useState(
    () =>
      new Autosaver({
        article,
        restored,
        save: (input) => api.saveArticle(input),
        onState: setSaveState,
      }),
  )
  const [fields, update] = useArticleFields(article, saver)
  const [pasted, setPasted] = useState<{ text: string; proposal: ImportProposal } | null>(null)
  const editor = useBodyEditor({
    content: article.body,
    editable: true,
    onChange: (read) => saver.change('body', read),
    onPasteIntoEmpty: (text) => {
      api.proposeImport({ name: 'Pasted text', content: text }).then(
        (proposal) =>
          proposal.format === 'plain-text' ? insertPlain(text) : setPasted({ text, proposal }),
        () => insertPlain(text),
      )
      return true
    },
  })
  // A paste is never lost: whatever the parser makes of it, the text lands in the body.
  const insertPlain = (text: string) => {
    const paragraphs = text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
    editor?.commands.insertContent(
      paragraphs.map((p) => ({
        type: 'paragraph',
        content: [{ type: 'text', text: p.replace(/\s*\n\s*/g, ' ') }],
      })),
    )
  }
  const applyImport = (proposal: ImportProposal) => {
    const { fields: imported } = proposal
    const take = <F extends Exclude<keyof EditableFields, 'body'>>(field: F) => {
      if (hasContent(imported[field])) update(field, imported[field])
    }
    for (const field of IMPORTED_FIELDS) take(field)
    editor?.commands.setContent(imported.body, { emitUpdate: true })
    setPasted(null)
  }
  const snapshot = useBodySnapshot(editor, article.body)
  const whole = useMemo(() => ({ ...fields, body: snapshot.body }), [fields, snapshot.body])
  const checks = useMemo(() => checkArticle(whole, settings), [whole, settings])
  const publication = useMemo(() => toPublication(whole), [whole])

  useEffect(() => () => saver.release(), [saver])
  useEffect(
    () =>
      saver.onSaved((saved) => {
        setRevision(saved.revision)
        onSaved(saved)
      }),
    [saver, onSaved],
  )
  useEffect(() => {
    api.listTags({}).then(setTagSuggestions, () => undefined)
  }, [])
  useEditorShortcuts(saver, onClose, () => setPreviewOpen((open) => !open))

  if (!editor) return null

  const handleTakeTheirs = (current: Article) => {
    void navigator.clipboard?.writeText(editor.getText()).catch(() => undefined)
    saver.discard()
    onReload(current)
  }

  return (
    <div className="editor-screen">
      <EditorBar
        status={article.status}
        revision={revision}
        readingTime={publication.readingTime.label}
        words={publication.wordCount}
        saveState={saveState}
        previewOpen={previewOpen}
        onRetry={() => void saver.flush()}
        onTogglePreview={() => setPreviewOpen((open) => !open)}
        onTrash={() => void saver.flush().then(() => onTrash(article.id))}
        onClose={onClose}
      />
      <SaveBanners
        state={saveState}
        onKeepMine={(current) => saver.resolveKeepingMine(current.revision)}
        onTakeTheirs={handleTakeTheirs}
      />
      <div className="editor-body">
        <div className="editor-column">
          <Toolbar editor={editor} />
          <div className="page-scroll">
            <article className="page">
              <ArticleTop
                fields={fields}
                settings={settings}
                tagSuggestions={tagSuggestions}
                onChange={update}
              />
              <div className="field body-field">
                <span className="field-label" id="body-label">
                  Body
                </span>
                <EditorContent editor={editor} />
              </div>
              <ArticleBottom
                fields={fields}
                settings={settings}
                tagSuggestions={tagSuggestions}
                onChange={update}
              />
            </article>
          </div>
        </div>
        {pasted && (
          <ImportReview
            proposal={pasted.proposal}
            source="Pasted text"
            acceptLabel="Use in this article"
            onAccept={applyImport}
            onCancel={() => {
              insertPlain(pasted.text)
              setPasted(null)
            }}
          />
        )}
        <aside
          className={`side-panel ${previewOpen ? 'wide' : ''}`}
          aria-label="Checks and preview"
        >
          <ChecksPanel checks={checks} onGoTo={(check) => focusCheck(check, editor)} />
          {previewOpen ? (
            <PreviewPane publication={publication} />
          ) : (
            <CountsPanel
              fields={whole}
              publication={publication}
              bodyCharacters={snapshot.characters}
            />
          )}
        </aside>
      </div>
    </div>
  )
}

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
] as const

function hasContent(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== ''
  if (Array.isArray(value)) return value.length > 0
  if (value && typeof value === 'object') return Object.values(value).some(hasContent)
  return value !== null && value !== undefined
}
