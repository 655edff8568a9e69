import type { StoryNote, StoryView } from '../../shared/desk/calls/deskStoryCalls'
import type { DeskConnectionAccount } from '../../shared/desk/DeskConnection'
import type { Article } from '../../shared/domain/Article'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { InboxItem } from '../../shared/domain/SyncSnapshot'

type Account = Pick<DeskConnectionAccount, 'id' | 'name'>

/** A story this account wrote: it made it on the desk, or it is the story's author. */
function isMine(account: Account, story: Article, createdBy?: string): boolean {
  if (createdBy === account.id) return true
  return sameName(story.author, account.name)
}

type Actor = { accountId?: string | undefined; name: string }

/**
 * What kind of inbox item a change the desk made to a story is, before knowing who made it: one of
 * this account's stories sent back, approved or published. Null for anything else.
 */
function kindOf(account: Account, before: Article, view: StoryView): InboxItem['kind'] | null {
  if (!isMine(account, view.document, view.createdBy.accountId)) return null
  if (before.status === view.status) return null
  if (view.status === 'approved') return 'approved'
  if (view.status === 'published' || view.status === 'corrected') return 'published'
  if (view.status === 'changes_requested') return 'sent-back'
  return null
}

/**
 * The inbox item for a change the desk made to one of this account's stories (see kindOf), taken
 * by `actor` (a transition makes no revision: `savedBy` is whoever saved the text last). Nothing
 * for the account's own actions, from any device.
 */
function transition(
  account: Account,
  before: Article,
  view: StoryView,
  actor: Actor | null,
  clock: Clock,
): InboxItem[] {
  const kind = kindOf(account, before, view)
  if (kind === null) return []
  const story = view.document
  const note = story.statusNote
  const by =
    actor ??
    (kind === 'approved' && view.approvedBy ? view.approvedBy : note ? { name: note.by } : null)
  if (by === null) return []
  const own = by.accountId ? by.accountId === account.id : sameName(by.name, account.name)
  if (own) return []
  return [
    {
      id: `${kind}:${story.id}:${view.revision}:${story.statusChangedAt ?? view.savedAt}`,
      storyId: story.id,
      headline: story.headline,
      kind,
      by: by.name,
      body: note?.text ? note.text : null,
      at: story.statusChangedAt ?? note?.at ?? isoNow(clock),
      read: false,
    },
  ]
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}

/** Notes someone else added to one of this account's stories. */
function notes(account: Account, story: Article, added: readonly StoryNote[]): InboxItem[] {
  if (!isMine(account, story)) return []
  return added
    .filter((note) => note.author.accountId !== account.id)
    .map((note) => ({
      id: `note:${note.id}`,
      storyId: story.id,
      headline: story.headline,
      kind: 'note' as const,
      by: note.author.name,
      body: note.body,
      at: note.createdAt,
      read: false,
    }))
}

/** The inbox items a change from the desk makes for this account. */
export const inboxItemsFor = { kindOf, transition, notes }
