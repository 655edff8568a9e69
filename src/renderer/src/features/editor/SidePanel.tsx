import type { Editor } from '@tiptap/react'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { EditableFields, type Article } from '../../../../shared/domain/Article'
import type { Profile } from '../../../../shared/domain/Profile'
import type { Check } from '../../../../shared/domain/checkArticle'
import type { Publication } from '../../../../shared/export/Publication'
import { rovingIndex } from '../../a11y/rovingIndex'
import { matchesShortcut, SHORTCUTS } from '../../a11y/shortcuts'
import { focusCheck } from '../../editor/focusCheck'
import { ExportPanel } from '../export/ExportPanel'
import { HistoryPanel } from '../history/HistoryPanel'
import { NotesPanel } from '../history/NotesPanel'
import { PreviewPane } from '../preview/PreviewPane'
import { ChecksPanel } from './ChecksPanel'
import { CountsPanel } from './CountsPanel'
import { region } from '../../a11y/useRegionCycling'

const TABS = ['checks', 'history', 'notes', 'export'] as const
type Tab = (typeof TABS)[number]
const TAB_KEY = 'copydesk:side-tab'

type Props = {
  articleId: string
  revision: number
  editable: boolean
  editor: Editor
  checks: Check[]
  publication: Publication
  /** The embargo line the preview shows while it holds ("Embargoed until …"), or null. */
  embargo: string | null
  whole: EditableFields
  bodyCharacters: number
  previewOpen: boolean
  onRestored: (article: Article) => void
  article: Pick<Article, 'id' | 'status' | 'publishedAt' | 'pendingCorrection'>
  profile: Profile
  /** The story may have changed state (a push confirmed): reload it. */
  onChanged: () => void
  onError: (message: string) => void
}

/** Beside the page: checks with counts or the preview, the history, and the desk's notes. */
export function SidePanel(props: Props) {
  // The chosen tab survives the editor remounting (a state change, another article).
  const [tab, setTabState] = useState<Tab>(() => {
    const saved = sessionStorage.getItem(TAB_KEY)
    return TABS.find((t) => t === saved) ?? 'checks'
  })
  const setTab = (next: Tab) => {
    sessionStorage.setItem(TAB_KEY, next)
    setTabState(next)
  }
  const tabs: [Tab, string][] = [
    ['checks', 'Checks'],
    ['history', 'History'],
    ['notes', 'Notes'],
    ['export', 'Export'],
  ]
  const tabButtons = useRef(new Map<Tab, HTMLButtonElement>())
  // The WAI-ARIA tabs pattern: the selected tab is the one Tab stop, arrows select and focus.
  const handleTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const next = rovingIndex(event.key, TABS.indexOf(tab), TABS.length)
    const nextTab = next === null ? undefined : TABS[next]
    if (!nextTab) return
    event.preventDefault()
    setTab(nextTab)
    tabButtons.current.get(nextTab)?.focus()
  }
  // The Checks shortcut: open the tab and land on its first problem, or on the tab itself.
  useEffect(() => {
    const handleKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!matchesShortcut(event, SHORTCUTS.checks) || document.querySelector('dialog[open]'))
        return
      event.preventDefault()
      sessionStorage.setItem(TAB_KEY, 'checks')
      setTabState('checks')
      requestAnimationFrame(() => {
        const first = document
          .getElementById('panel-checks')
          ?.querySelector<HTMLElement>('.check-list button')
        ;(first ?? tabButtons.current.get('checks'))?.focus()
      })
    }
    window.addEventListener('keydown', handleKeyDown)
    return () => window.removeEventListener('keydown', handleKeyDown)
  }, [])
  return (
    // A region, not an aside: it sits inside the main landmark, where a complementary one may not.
    <section
      className={`side-panel ${props.previewOpen && tab === 'checks' ? 'wide' : ''}`}
      aria-label="Checks, history and notes"
      {...region('side-panel')}
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
            tabIndex={tab === id ? 0 : -1}
            ref={(element) => {
              if (element) tabButtons.current.set(id, element)
              else tabButtons.current.delete(id)
            }}
            onKeyDown={handleTabKeyDown}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {/* Every tab controls a panel that exists; only the selected one is filled and shown. */}
      {TABS.filter((id) => id !== tab).map((id) => (
        <div key={id} role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} hidden />
      ))}
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
              <PreviewPane publication={props.publication} embargo={props.embargo} />
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
        {tab === 'export' && (
          <ExportPanel
            article={props.article}
            profile={props.profile}
            onChanged={props.onChanged}
            onGoToField={(field) => {
              const known = props.checks.find((check) => check.field === field)
              focusCheck(
                known ?? {
                  id: `export-${field}`,
                  field: isField(field) ? field : 'body',
                  severity: 'error',
                  message: '',
                },
                props.editor,
              )
            }}
          />
        )}
      </div>
    </section>
  )
}

function isField(field: string): field is keyof EditableFields {
  return field in EditableFields.shape
}
