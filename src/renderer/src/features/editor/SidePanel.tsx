import type { Editor } from '@tiptap/react'
import { useState } from 'react'
import type { Article, EditableFields } from '../../../../shared/domain/Article'
import type { Check } from '../../../../shared/domain/checkArticle'
import type { Publication } from '../../../../shared/export/Publication'
import { focusCheck } from '../../editor/focusCheck'
import { HistoryPanel } from '../history/HistoryPanel'
import { NotesPanel } from '../history/NotesPanel'
import { PreviewPane } from '../preview/PreviewPane'
import { ChecksPanel } from './ChecksPanel'
import { CountsPanel } from './CountsPanel'

type Tab = 'checks' | 'history' | 'notes'

type Props = {
  articleId: string
  revision: number
  editable: boolean
  editor: Editor
  checks: Check[]
  publication: Publication
  whole: EditableFields
  bodyCharacters: number
  previewOpen: boolean
  onRestored: (article: Article) => void
  onError: (message: string) => void
}

/** Beside the page: checks with counts or the preview, the history, and the desk's notes. */
export function SidePanel(props: Props) {
  const [tab, setTab] = useState<Tab>('checks')
  const tabs: [Tab, string][] = [
    ['checks', 'Checks'],
    ['history', 'History'],
    ['notes', 'Notes'],
  ]
  return (
    <aside
      className={`side-panel ${props.previewOpen && tab === 'checks' ? 'wide' : ''}`}
      aria-label="Checks, history and notes"
    >
      <div className="side-tabs" role="tablist" aria-label="Side panel">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        className="side-tab-panel"
      >
        {tab === 'checks' && (
          <>
            <ChecksPanel
              checks={props.checks}
              onGoTo={(check) => focusCheck(check, props.editor)}
            />
            {props.previewOpen ? (
              <PreviewPane publication={props.publication} />
            ) : (
              <CountsPanel
                fields={props.whole}
                publication={props.publication}
                bodyCharacters={props.bodyCharacters}
              />
            )}
          </>
        )}
        {tab === 'history' && (
          <HistoryPanel
            articleId={props.articleId}
            revision={props.revision}
            editable={props.editable}
            onRestored={props.onRestored}
            onError={props.onError}
          />
        )}
        {tab === 'notes' && <NotesPanel articleId={props.articleId} onError={props.onError} />}
      </div>
    </aside>
  )
}
