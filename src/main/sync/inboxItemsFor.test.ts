import { describe, expect, it } from 'vitest'
import { draftStory } from '../../../tests/support/storyDesk'
import type { StoryView } from '../../shared/desk/calls/deskStoryCalls'
import type { Article } from '../../shared/domain/Article'
import { systemClock } from '../../shared/domain/Clock'
import { inboxItemsFor } from './inboxItemsFor'

const writer = { id: '11111111-1111-4111-8111-111111111111', name: 'Asha Writer' }
const chief = { accountId: '22222222-2222-4222-8222-222222222222', name: 'Ben Chief' }
const at = '2026-12-01T14:02:00.000Z'

function view(document: Article, changes: Partial<StoryView> = {}): StoryView {
  return {
    document,
    revision: 3,
    status: document.status,
    createdBy: { accountId: writer.id, name: writer.name },
    savedBy: { accountId: writer.id, name: writer.name },
    savedAt: at,
    approvedRevision: null,
    approvedBy: null,
    approvedAt: null,
    publishedRevision: null,
    lease: null,
    ...changes,
  }
}

describe('what the writer’s inbox gets from a change the desk made', () => {
  const before = draftStory({ status: 'submitted', author: writer.name })

  it('an approval of the writer’s story by the chief, by name (the approval’s account, not who saved last)', () => {
    const approved = { ...before, status: 'approved' as const, statusChangedAt: at }
    const items = inboxItemsFor.transition(
      writer,
      before,
      view(approved, { approvedBy: chief, approvedAt: at }),
      null,
      systemClock,
    )
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'approved',
        by: 'Ben Chief',
        headline: before.headline,
        read: false,
      }),
    ])
  })

  it('a publish by the chief, named by the desk’s audit; nothing for the writer’s own action, or for someone else’s story', () => {
    const published = { ...before, status: 'published' as const, statusChangedAt: at }
    expect(inboxItemsFor.transition(writer, before, view(published), chief, systemClock)).toEqual([
      expect.objectContaining({ kind: 'published', by: 'Ben Chief' }),
    ])
    expect(
      inboxItemsFor.transition(
        writer,
        before,
        view(published),
        { accountId: writer.id, name: writer.name },
        systemClock,
      ),
    ).toEqual([])
    const theirs = { ...published, author: 'Someone Else' }
    const other = view(theirs, { createdBy: { accountId: chief.accountId, name: chief.name } })
    expect(inboxItemsFor.transition(writer, before, other, chief, systemClock)).toEqual([])
  })

  it('a note by someone else on the writer’s story, with its text; the writer’s own notes are not news', () => {
    const note = (author: { accountId: string; name: string }, body: string) => ({
      id: crypto.randomUUID(),
      articleId: before.id,
      revision: 3,
      author,
      body,
      createdAt: at,
    })
    const items = inboxItemsFor.notes(writer, before, [
      note(chief, 'Cut the second paragraph.'),
      note({ accountId: writer.id, name: writer.name }, 'Done.'),
    ])
    expect(items).toEqual([
      expect.objectContaining({ kind: 'note', by: 'Ben Chief', body: 'Cut the second paragraph.' }),
    ])
  })
})
