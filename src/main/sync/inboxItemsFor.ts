import type { StoryNote, StoryView } from '../../shared/desk/calls/deskStoryCalls'
import type { DeskConnectionAccount } from '../../shared/desk/DeskConnection'
import type { Article } from '../../shared/domain/Article'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { InboxItem } from '../../shared/domain/SyncSnapshot'

type Account = Pick<DeskConnectionAccount, 'id' | 'name'>

/** A story this account wrote: it made it on the desk, or it is the story's author. */
function isMine(account: Account, story: Article, createdBy?: string): boolean {
  if (createdBy === account.id) return true
  return story.author.trim().toLowerCase() === account.name.trim().toLowerCase()
}

/**
 * What the writer's inbox gets from a change the desk made to a story: someone else sent it back
 * (with their note), approved or published one of this account's stories. Nothing for the account's
 * own changes, nor for other people's stories.
 */
function transition(
  account: Account,
  before: Article,
  view: StoryView,
  clock: Clock,
): InboxItem[] {
  const story = view.document
  if (view.savedBy.accountId === account.id) return []
  if (!isMine(account, story, view.createdBy.accountId)) return []
  if (before.status === view.status) return []
  const kind =
    view.status === 'approved'
      ? 'approved'
      : view.status === 'published' || view.status === 'corrected'
        ? 'published'
        : before.status === 'submitted' && view.status === 'draft'
          ? 'sent-back'
          : null
  if (kind === null) return []
  const note = story.statusNote
  return [
    {
      id: `${kind}:${story.id}:${view.revision}`,
      storyId: story.id,
      headline: story.headline,
      kind,
      by: note?.by ?? view.savedBy.name,
      body: note?.text ? note.text : null,
      at: note?.at ?? view.savedAt ?? isoNow(clock),
      read: false,
    },
  ]
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
export const inboxItemsFor = { transition, notes }
