import { useCallback, useEffect, useRef, useState } from 'react'
import type { Article, EditableFields } from '../../../../shared/domain/Article'
import type { DeskSettings } from '../../../../shared/domain/DeskSettings'
import type { Profile } from '../../../../shared/domain/Profile'
import { api } from '../../api'
import { LeaseBanner } from '../lease/LeaseBanner'
import { leaseLocks, useEditingLease } from '../lease/useEditingLease'
import { ArticleEditor } from './ArticleEditor'
import { UnsavedBackup } from './UnsavedBackup'
import { DeskNoteBanner } from '../sync/DeskNoteBanner'
import { useDeskNotes } from '../sync/useDeskNotes'
import { useSync } from '../sync/SyncContext'
import './editor.css'

type Props = {
  id: string
  settings: DeskSettings
  profile: Profile
  onSaved: (article: Article) => void
  /** The article's state changed (a transition, a restore): lists need refreshing. */
  onChanged: () => void
  onClose: () => void
  onTrash: (id: string) => void
}

type Loaded = {
  id: string
  article: Article
  restored: Partial<EditableFields>
  generation: number
  /** The data folder is read-only: the article is shown, not offered for editing. */
  readOnly?: boolean
}

/** Loads an article, brings back any changes a crash left unsaved, and mounts its editor. */
export function EditorScreen({
  id,
  settings,
  profile,
  onSaved,
  onChanged,
  onClose,
  onTrash,
}: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState<{ id: string; message: string } | null>(null)
  const sync = useSync()
  const notes = useDeskNotes(id, loaded?.id === id)
  const conflict = sync.snapshot?.conflicts.find((notice) => notice.storyId === id)
  const editing = useEditingLease(id)
  const leaseLocked = leaseLocks(editing.state)
  const lockedBefore = useRef(leaseLocked)

  // Another person's lease came or went: the editor was remounted (its autosave sent what was
  // typed); show the story as the store has it now.
  useEffect(() => {
    if (lockedBefore.current === leaseLocked) return
    lockedBefore.current = leaseLocked
    let live = true
    api.getArticle({ id }).then(
      (article) =>
        live &&
        setLoaded((previous) =>
          previous?.id === id
            ? { ...withBackup(article, previous.generation + 1), readOnly: previous.readOnly }
            : previous,
        ),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [id, leaseLocked])

  useEffect(() => {
    let live = true
    const readOnly = api.appInfo({}).then(
      (info) => Boolean(info.readOnly),
      () => false,
    )
    Promise.all([api.getArticle({ id }), readOnly]).then(
      ([article, deskReadOnly]) =>
        live && setLoaded({ ...withBackup(article, 0), readOnly: deskReadOnly }),
      (reason: unknown) =>
        live &&
        setError({ id, message: reason instanceof Error ? reason.message : String(reason) }),
    )
    return () => {
      live = false
    }
  }, [id])

  const handleReload = useCallback(
    (article: Article) => {
      new UnsavedBackup(article.id).clear()
      setLoaded((previous) => ({
        id: article.id,
        article,
        restored: {},
        generation: (previous?.generation ?? 0) + 1,
        readOnly: previous?.readOnly,
      }))
      onSaved(article)
      onChanged()
    },
    [onSaved, onChanged],
  )

  if (error?.id === id) {
    return (
      <div className="empty-state" role="alert">
        <h1>This article could not be opened</h1>
        <p>{error.message}</p>
      </div>
    )
  }
  if (loaded?.id !== id)
    return (
      <div className="empty-state" aria-busy="true">
        Opening…
      </div>
    )
  return (
    <ArticleEditor
      // Locked by another person's lease: mounted again, read-only (the old editor saves on its way out).
      key={`${loaded.article.id}:${loaded.generation}:${leaseLocked ? 'leased' : 'open'}`}
      article={loaded.article}
      settings={settings}
      profile={profile}
      restored={loaded.restored}
      readOnly={loaded.readOnly || leaseLocked}
      banner={
        editing.state && <LeaseBanner lease={editing.state.lease} onTakeOver={editing.takeOver} />
      }
      onSaved={onSaved}
      onReload={handleReload}
      onClose={onClose}
      onTrash={onTrash}
      storiesVersion={sync.snapshot?.storiesVersion}
      deskBanner={<DeskNoteBanner items={notes.items} onDismiss={notes.dismiss} />}
      syncConflict={
        conflict && {
          notice: conflict,
          resolve: (keep) => sync.resolveConflict(conflict.storyId, keep),
        }
      }
    />
  )
}

/** Applies changes kept in the local backup (from a crash or an unreachable store) on top of the article. */
function withBackup(article: Article, generation: number): Loaded {
  const backup = new UnsavedBackup(article.id).read()
  if (!backup) return { id: article.id, article, restored: {}, generation }
  const restored = backup.changes
  // Saved elsewhere since the backup: base the editor on the backup's revision so the save meets the conflict banner.
  const revision = backup.baseRevision
  return { id: article.id, article: { ...article, ...restored, revision }, restored, generation }
}
