import { systemClock } from '../../../../shared/domain/Clock'
import { PublishingTimeControls } from '../workflow/PublishingTimeControls'
import { embargoLine, publishingTimeLines } from '../../../../shared/domain/publicationTime'
import { deskTimeZone } from '../../../../shared/domain/deskTime'
import { EditorContent } from '@tiptap/react'
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Article, EditableFields } from '../../../../shared/domain/Article'
import { statusLabel } from '../../../../shared/domain/statusLabel'
import { checkArticle, passesChecks } from '../../../../shared/domain/checkArticle'
import type { DeskSettings } from '../../../../shared/domain/DeskSettings'
import type { Profile } from '../../../../shared/domain/Profile'
import { isEditable, type Transition } from '../../../../shared/domain/workflow'
import { toPublication } from '../../../../shared/export/toPublication'
import { requestFocus } from '../../a11y/pendingFocus'
import { useClaimFocus } from '../../a11y/useClaimFocus'
import { api } from '../../api'
import { useDocumentTitle } from '../../a11y/useDocumentTitle'
import { Toolbar } from '../../editor/Toolbar'
import { useBodyEditor } from '../../editor/useBodyEditor'
import { useBodyPictures } from '../../editor/useBodyPictures'
import { BodyPictureNotes } from '../../editor/BodyPictureNotes'
import { DownloadPictureDialog } from '../../editor/DownloadPictureDialog'
import { usePictureUrl } from '../../editor/usePictureUrl'
import { useBodySnapshot } from '../../editor/useBodySnapshot'
import { useTabLeavesBody } from '../../editor/useTabLeavesBody'
import { onArticleChanged } from '../articles/articleChanged'
import { useMarkPublishedBlocker } from '../export/useMarkPublishedBlocker'
import { ImportReview } from '../import/ImportReview'
import { LockedBanner } from '../workflow/LockedBanner'
import { ACTION_ANNOUNCEMENTS } from '../workflow/actionAnnouncements'
import { WorkflowActions } from '../workflow/WorkflowActions'
import { AgencyKillBanner } from './AgencyKillBanner'
import { LeadPictureField } from './fields/LeadPictureField'
import { AgencyPictures } from './fields/AgencyPictures'
import { ArticleBottom, ArticleTop } from './ArticleFields'
import { ChangesRequestedBanner } from './ChangesRequestedBanner'
import { Autosaver } from './Autosaver'
import { EditorBar } from './EditorBar'
import { SaveBanners } from './SaveBanners'
import type { SaveState } from './SaveState'
import { SidePanel } from './SidePanel'
import { useArticleFields } from './useArticleFields'
import { useEditorShortcuts } from './useEditorShortcuts'
import { usePasteImport } from './usePasteImport'
import { Drawer } from '../../a11y/Drawer'
import { DrawerToggle } from '../../a11y/DrawerToggle'
import { useDrawer } from '../../a11y/useDrawer'
import { region } from '../../a11y/useRegionCycling'
import type { SyncConflictNotice } from '../../../../shared/domain/SyncSnapshot'
import { SyncConflictBanner } from '../sync/SyncConflictBanner'

type Props = {
  article: Article
  settings: DeskSettings
  profile: Profile
  /** Fields that differ from `article` because they were restored from an unsaved backup. */
  restored: Partial<EditableFields>
  /** The data folder is read-only: nothing is offered for editing. */
  readOnly?: boolean | undefined
  /** A banner the screen adds under the editor's bar (the story's lease on a joined desk). */
  banner?: ReactNode
  onSaved: (article: Article) => void
  onReload: (article: Article) => void
  onClose: () => void
  onTrash: (id: string) => void
  /**
   * Moves when stories changed in the local store because of the desk: the story is read again and,
   * if it changed and nothing typed is unsaved, shown as it is now.
   */
  storiesVersion?: number | undefined
  /** What the desk said about this story (its notes banner), shown above the story. */
  deskBanner?: ReactNode
  /** A sync conflict on this story, and how to resolve it (the story as it is after the choice). */
  syncConflict?:
    | { notice: SyncConflictNotice; resolve: (keep: 'mine' | 'theirs') => Promise<Article> }
    | undefined
}

/** Every part of one article, autosaved, with checks, preview, history and the desk's actions. Mounted once per article version. */
export function ArticleEditor({
  article,
  settings,
  profile,
  restored,
  readOnly,
  banner,
  onSaved,
  onReload,
  onClose,
  onTrash,
  storiesVersion,
  deskBanner,
  syncConflict,
}: Props) {
  const editable = isEditable(article.status) && !readOnly
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved', at: article.updatedAt })
  const [revision, setRevision] = useState(article.revision)
  const [previewOpen, setPreviewOpen] = useState(!editable)
  const sideDrawer = useDrawer('side-panel')
  const [tagSuggestions, setTagSuggestions] = useState<string[]>([])
  const [actionError, setActionError] = useState<string | null>(null)
  const publishBlocked = useMarkPublishedBlocker(article)
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
  const editorRef = useRef<ReturnType<typeof useBodyEditor>>(null)
  const paste = usePasteImport(editorRef, update)
  const pictures = useBodyPictures(editorRef)
  const editor = useBodyEditor({
    content: article.body,
    editable,
    onChange: (read) => saver.change('body', read),
    onPasteIntoEmpty: paste.onPasteIntoEmpty,
    onPictureFiles: pictures.insertFiles,
    onPastedPictures: pictures.takeFromHtml,
  })
  useEffect(() => {
    editorRef.current = editor
  }, [editor])
  const snapshot = useBodySnapshot(editor, article.body)
  const leadThumbnail = usePictureUrl(fields.leadPicture?.mediaId, 'thumbnail')
  const leadWidth = leadThumbnail.state === 'ready' ? leadThumbnail.originalWidth : null
  const whole = useMemo(() => ({ ...fields, body: snapshot.body }), [fields, snapshot.body])
  const checks = useMemo(
    () =>
      checkArticle(
        {
          ...whole,
          agencyKill: article.agencyKill,
          leadPictureWidth: leadWidth,
        },
        settings,
      ),
    [whole, settings, article.agencyKill, leadWidth],
  )
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
  // An agency kill recorded on this story from an import: save what is typed, then show it.
  useEffect(
    () =>
      onArticleChanged(article.id, () => {
        void saver.flush().then(() => {
          if (!saver.hasUnsaved) api.getArticle({ id: article.id }).then(onReload, () => undefined)
        })
      }),
    [article.id, saver, onReload],
  )
  useDeskChanges(storiesVersion, article, saver, onReload)
  // The preview lives in the side panel: in a narrow window, showing it opens that drawer.
  const handleTogglePreview = () => {
    if (!previewOpen) sideDrawer.show()
    setPreviewOpen(!previewOpen)
  }
  useEditorShortcuts(saver, onClose, handleTogglePreview)
  useTabLeavesBody(editor)
  useClaimFocus(
    Boolean(editor),
    () => `Opened ${article.headline || 'Untitled story'}. Status: ${statusLabel(article.status)}`,
  )

  const screenHeading = whole.headline.trim() || 'Untitled story'
  useDocumentTitle(screenHeading)
  if (!editor) return null

  const handleAct = async (transition: Transition, note: string) => {
    setActionError(null)
    await saver.flush()
    if (saver.hasUnsaved)
      return setActionError('Save your changes first: the last save did not go through.')
    try {
      const moved = await api.transition({ id: article.id, action: transition.action, note })
      requestFocus({ target: 'status', announcement: ACTION_ANNOUNCEMENTS[transition.action] })
      onReload(moved)
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error))
    }
  }
  // The download saves the story with its new lead picture: what is typed goes first.
  const handleFetchPicture = async (href: string) => {
    await saver.flush()
    if (saver.hasUnsaved)
      throw new Error('Save your changes first: the last save did not go through.')
    const fetched = await api.fetchPicture({ id: article.id, as: 'lead', href })
    onReload(fetched.article)
  }
  const handleMaybeChanged = () => {
    api.getArticle({ id: article.id }).then(
      (stored) =>
        // A push or export may change the state, or the correction note waiting with the story.
        (stored.status !== article.status ||
          stored.pendingCorrection?.note !== article.pendingCorrection?.note) &&
        onReload(stored),
      () => undefined,
    )
  }
  // Nothing typed may be lost to the choice: what is pending is saved first, or the choice waits.
  const handleResolveSync = async (keep: 'mine' | 'theirs') => {
    if (!syncConflict) return
    await saver.flush()
    if (saver.hasUnsaved)
      throw new Error('Save your changes first: the last save did not go through.')
    onReload(await syncConflict.resolve(keep))
  }
  const handleTakeTheirs = (current: Article) => {
    // Keeping my text on the clipboard is a courtesy: a browser that refuses it loses nothing stored.
    void navigator.clipboard
      ?.writeText(editor.getText())
      .catch((error: unknown) => console.warn('Copydesk: the clipboard refused the text', error))
    saver.discard()
    onReload(current)
  }

  // The embargo as typed, not as the story was opened: the bar, the preview and the schedule dialog
  // follow it at once.
  const times = { ...article, embargoedUntil: fields.embargoedUntil }
  const timeZone = deskTimeZone(settings.timeZone)

  return (
    <div className="editor-screen">
      {/* The screen's one h1: the headline field shows it, so it is only for screen readers. */}
      <h1 className="visually-hidden">{screenHeading}</h1>
      <EditorBar
        status={article.status}
        timing={publishingTimeLines(times, systemClock.now(), timeZone)}
        revision={revision}
        readingTime={publication.readingTime.label}
        words={publication.wordCount}
        saveState={saveState}
        readOnly={readOnly}
        previewOpen={previewOpen}
        onRetry={() => void saver.flush()}
        onTogglePreview={handleTogglePreview}
        onTrash={editable ? () => void saver.flush().then(() => onTrash(article.id)) : undefined}
        onClose={onClose}
      >
        <WorkflowActions
          article={article}
          profile={profile}
          settings={settings}
          checksPass={passesChecks(checks)}
          errorCount={checks.filter((check) => check.severity === 'error').length}
          publishBlocked={publishBlocked}
          onAct={(t, note) => void handleAct(t, note)}
        />
        <PublishingTimeControls
          article={times}
          profile={profile}
          settings={settings}
          onMoved={(moved) => {
            requestFocus({ target: 'status', announcement: 'Publication time saved' })
            onReload(moved)
          }}
          onError={setActionError}
        />
        <DrawerToggle drawer={sideDrawer} />
      </EditorBar>
      {banner}
      {!isEditable(article.status) && <LockedBanner article={article} />}
      {article.status === 'changes_requested' && <ChangesRequestedBanner article={article} />}
      <AgencyKillBanner article={article} profile={profile} onReload={onReload} />
      {deskBanner}
      {syncConflict && (
        <SyncConflictBanner
          notice={syncConflict.notice}
          loadTexts={async () => {
            const [theirs, mine] = await Promise.all([
              api.getArticle({ id: article.id }),
              api.getRevision({ id: article.id, seq: syncConflict.notice.copySeq }),
            ])
            return { theirs, mine }
          }}
          onResolve={handleResolveSync}
        />
      )}
      {actionError && (
        <p className="save-error" role="alert">
          {actionError}
        </p>
      )}
      <SaveBanners
        state={saveState}
        mine={whole}
        onKeepMine={(current) => saver.resolveKeepingMine(current.revision)}
        onTakeTheirs={handleTakeTheirs}
      />
      <div className="editor-body">
        <div className="editor-column">
          {editable && <Toolbar editor={editor} onInsertPictures={pictures.insertFiles} />}
          <div
            className="page-scroll"
            // Locked, the story holds nothing to Tab to: the scroller itself takes focus, so the
            // keyboard can scroll it.
            {...(editable ? {} : { tabIndex: 0, role: 'region', 'aria-label': 'Story, read-only' })}
          >
            <article className="page" {...region('article')}>
              <fieldset className="page-fields" disabled={!editable}>
                <ArticleTop
                  fields={fields}
                  settings={settings}
                  tagSuggestions={tagSuggestions}
                  onChange={update}
                />
              </fieldset>
              <fieldset className="page-fields" disabled={!editable}>
                <LeadPictureField
                  value={fields.leadPicture ?? null}
                  thumbnail={leadThumbnail}
                  editable={editable}
                  onChange={(value) => update('leadPicture', value)}
                />
                <AgencyPictures
                  pictures={article.feedItem?.pictures ?? []}
                  editable={editable}
                  hasLead={Boolean(fields.leadPicture)}
                  onDownload={handleFetchPicture}
                />
              </fieldset>
              <div className="field body-field">
                <span className="field-label">Body</span>
                <BodyPictureNotes pictures={pictures} />
                <EditorContent editor={editor} />
              </div>
              <fieldset className="page-fields" disabled={!editable}>
                <ArticleBottom
                  fields={fields}
                  settings={settings}
                  tagSuggestions={tagSuggestions}
                  onChange={update}
                />
              </fieldset>
            </article>
          </div>
        </div>
        {pictures.asking && (
          <DownloadPictureDialog url={pictures.asking} onAnswer={pictures.answer} />
        )}
        {paste.pending && (
          <ImportReview
            proposal={paste.pending.proposal}
            source="Pasted text"
            acceptLabel="Use in this article"
            onAccept={paste.accept}
            onCancel={paste.decline}
          />
        )}
        <Drawer drawer={sideDrawer} side="end">
          <SidePanel
            articleId={article.id}
            revision={revision}
            editable={editable}
            editor={editor}
            checks={checks}
            publication={publication}
            embargo={embargoLine(times, systemClock.now(), timeZone)}
            whole={whole}
            bodyCharacters={snapshot.characters}
            previewOpen={previewOpen}
            onRestored={onReload}
            article={article}
            profile={profile}
            onChanged={handleMaybeChanged}
            onError={setActionError}
          />
        </Drawer>
      </div>
    </div>
  )
}

/**
 * The desk changed stories in the local store: reads this one again and shows it as it is now when
 * it changed and nothing typed is waiting. Typing that is waiting is saved first; if the desk's
 * change got there before it, that save meets the usual conflict banner, so nothing is lost.
 */
function useDeskChanges(
  storiesVersion: number | undefined,
  article: Article,
  saver: Autosaver,
  onReload: (article: Article) => void,
): void {
  const seen = useRef(storiesVersion)
  useEffect(() => {
    if (storiesVersion === seen.current) return
    seen.current = storiesVersion
    let live = true
    void saver
      .flush()
      .then(async () => {
        if (!live || saver.hasUnsaved) return
        const stored = await api.getArticle({ id: article.id })
        if (!live || saver.hasUnsaved) return
        if (stored.revision !== saver.revision || stored.status !== article.status) onReload(stored)
      })
      .catch((error: unknown) => console.warn('Copydesk: the story was not read again', error))
    return () => {
      live = false
    }
  }, [storiesVersion, article.id, article.status, saver, onReload])
}
