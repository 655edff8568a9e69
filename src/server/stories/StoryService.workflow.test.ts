import { beforeAll, describe, expect, it } from 'vitest'
import { eachDeskEngine, type DeskDatabase } from '../../../tests/support/eachDeskEngine'
import { draftStory, edited, movableClock, signedIn } from '../../../tests/support/storyDesk'
import { workflowRole, type AccountRole } from '../../shared/desk/AccountRole'
import { deskStoryCalls } from '../../shared/desk/calls/deskStoryCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { ArticleStatus } from '../../shared/domain/Article'
import { TRANSITIONS, type WorkflowAction } from '../../shared/domain/workflow'
import type { Principal } from '../Principal'
import { StoryService } from './StoryService'

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof DeskError)) throw new Error(`expected a DeskError, got ${String(error)}`)
  return error
}

/** How a story reaches each state (by its writer, then a desk chief), and whether it was published on the way. */
const PATHS: Record<ArticleStatus, WorkflowAction[]> = {
  draft: [],
  submitted: ['submit'],
  changes_requested: ['submit', 'request_changes'],
  approved: ['submit', 'approve'],
  published: ['submit', 'approve', 'publish'],
  corrected: ['submit', 'approve', 'publish', 'reopen', 'approve', 'publish_correction'],
  killed: ['submit', 'approve', 'publish', 'kill'],
  spiked: ['spike'],
}

eachDeskEngine('Stories: the workflow', (open) => {
  let desk: DeskDatabase
  let stories: StoryService
  let writer: Principal
  let chief: Principal
  let admin: Principal
  let otherWriter: Principal
  const clock = movableClock('2026-12-01T14:00:00.000Z')

  beforeAll(async () => {
    desk = await open()
    stories = new StoryService(desk.db, clock)
    writer = await signedIn(desk.db, 'Asha Rao', 'writer')
    otherWriter = await signedIn(desk.db, 'Wale Ade', 'writer')
    chief = await signedIn(desk.db, 'Chidi Desk', 'desk-chief')
    admin = await signedIn(desk.db, 'Ada Admin', 'desk-admin')
  })

  const act = (who: Principal, id: string, action: WorkflowAction, revision = 1) =>
    stories.transition(who, { id, action, revision, note: `Because: ${action}` })

  /** A story by `writer` driven to `status`; `publishedBefore` sends an approved one through publish and reopen first. */
  async function storyIn(status: ArticleStatus, publishedBefore = false): Promise<string> {
    const { document } = await stories.saveStory(writer, { document: draftStory() })
    const path =
      status === 'approved' && publishedBefore
        ? (['submit', 'approve', 'publish', 'reopen', 'approve'] satisfies WorkflowAction[])
        : PATHS[status]
    for (const action of path)
      await act(action === 'submit' || action === 'spike' ? writer : chief, document.id, action)
    expect((await stories.getStory(writer, document.id)).status).toBe(status)
    return document.id
  }

  const roles: [AccountRole, () => Principal][] = [
    ['writer', () => otherWriter],
    ['desk-chief', () => chief],
    ['desk-admin', () => admin],
  ]
  for (const transition of TRANSITIONS)
    for (const from of transition.from)
      for (const [role, who] of roles) {
        const allowed = transition.roles.includes(workflowRole(role))
        it(`${transition.action} from ${from} by a ${role}: ${allowed ? `goes to ${transition.to}` : 'refused'}`, async () => {
          const id = await storyIn(from, transition.action === 'publish_correction')
          const attempt = act(who(), id, transition.action)
          if (allowed) {
            expect((await attempt).status).toBe(transition.to)
          } else {
            const refused = await refusal(attempt)
            expect(refused.code).toBe('REFUSED')
            expect(refused.details).toEqual({
              reason: 'workflow',
              status: from,
              action: transition.action,
            })
            expect((await stories.getStory(writer, id)).status).toBe(from)
          }
        })
      }

  it('issue 16: an embargo holds Mark published only; submit and approve go on', async () => {
    const { document } = await stories.saveStory(writer, {
      document: draftStory({ embargoedUntil: '2026-12-02T06:00:00.000Z' }),
    })
    await act(writer, document.id, 'submit')
    await act(chief, document.id, 'approve')
    const held = await refusal(act(chief, document.id, 'publish'))
    expect(held.code).toBe('REFUSED')
    expect(held.message).toMatch(/^Embargoed until 2 Dec 2026, .+: it cannot be marked published/)
    expect((await stories.getStory(writer, document.id)).status).toBe('approved')
  })

  it('refuses a writer calling approve, naming who may', async () => {
    const id = await storyIn('submitted')
    const refused = await refusal(act(otherWriter, id, 'approve'))
    expect(refused.code).toBe('REFUSED')
    expect(refused.message).toBe('Approve is for a desk chief.')
  })

  it('takes the role from the database, not from the principal the request began with (a demoted or disabled chief cannot approve)', async () => {
    const id = await storyIn('submitted')
    const demoted = await signedIn(desk.db, 'Demoted Chief', 'desk-chief')
    await desk.db.query(`update accounts set role = 'writer' where id = $1`, [demoted.accountId])
    expect((await refusal(act(demoted, id, 'approve'))).message).toBe(
      'Approve is for a desk chief.',
    )
    const leaving = await signedIn(desk.db, 'Leaving Chief', 'desk-chief')
    await desk.db.query('update accounts set disabled_at = now() where id = $1', [
      leaving.accountId,
    ])
    expect((await refusal(act(leaving, id, 'approve'))).code).toBe('UNAUTHENTICATED')
    expect((await stories.getStory(writer, id)).status).toBe('submitted')
  })

  it('applies four-eyes on account ids: the same name on another account may approve, the same account may not', async () => {
    const { document } = await stories.saveStory(chief, {
      document: draftStory({ author: 'Chidi Desk' }),
    })
    await act(chief, document.id, 'submit')
    const own = await refusal(act(chief, document.id, 'approve'))
    expect(own.message).toBe('Four-eyes rule: an author cannot approve their own story.')
    const namesake = await signedIn(desk.db, 'Chidi Desk', 'desk-chief')
    expect((await act(namesake, document.id, 'approve')).approvedBy).toEqual({
      accountId: namesake.accountId,
      name: 'Chidi Desk',
    })
    // A writer's story whose document names the chief as its author: the name counts for nothing.
    const { document: other } = await stories.saveStory(writer, {
      document: draftStory({ author: 'Chidi Desk', byline: ['Chidi Desk'] }),
    })
    await act(writer, other.id, 'submit')
    expect((await act(chief, other.id, 'approve')).status).toBe('approved')
  })

  it('lets a desk switch four-eyes off', async () => {
    const relaxed = new StoryService(desk.db, clock, { fourEyes: false })
    const { document } = await relaxed.saveStory(chief, { document: draftStory() })
    await relaxed.transition(chief, { id: document.id, action: 'submit', revision: 1, note: '' })
    const approved = await relaxed.transition(chief, {
      id: document.id,
      action: 'approve',
      revision: 1,
      note: '',
    })
    expect(approved.status).toBe('approved')
  })

  it('runs the checks on the revision acted on, and wants the notes the table asks for', async () => {
    const { document } = await stories.saveStory(writer, { document: draftStory({ headline: '' }) })
    const unchecked = await refusal(act(writer, document.id, 'submit'))
    expect(unchecked.message).toMatch(/does not pass the checks/)
    await stories.saveStory(writer, {
      document: { ...document, headline: 'Now with a headline' },
      baseRevision: 1,
    })
    await act(writer, document.id, 'submit', 2)
    const noNote = await refusal(
      stories.transition(chief, {
        id: document.id,
        action: 'request_changes',
        revision: 2,
        note: '  ',
      }),
    )
    expect(noNote.message).toBe('What needs to change is required.')
    const sent = await stories.transition(chief, {
      id: document.id,
      action: 'request_changes',
      revision: 2,
      note: 'Name the councillor',
    })
    expect(sent.document.statusNote).toEqual({
      by: 'Chidi Desk',
      at: clock.now().toISOString(),
      text: 'Name the councillor',
    })
  })

  it('binds the approval to the exact revision: no save after it, reopen then save then approve binds the new one', async () => {
    const { document } = await stories.saveStory(writer, { document: draftStory() })
    await stories.saveStory(writer, {
      document: edited(document, 'Approved text.'),
      baseRevision: 1,
    })
    await act(writer, document.id, 'submit', 2)
    const approved = await act(chief, document.id, 'approve', 2)
    expect(approved).toMatchObject({
      approvedRevision: 2,
      approvedBy: { accountId: chief.accountId },
    })
    expect(approved.document.approval).toEqual({ by: 'Chidi Desk', at: clock.now().toISOString() })

    const late = await refusal(
      stories.saveStory(writer, { document: edited(document, 'Sneaked in.'), baseRevision: 2 }),
    )
    expect(late.code).toBe('REFUSED')
    const sent = await stories.approvedDocument(document.id)
    expect(sent.revision).toBe(2)
    expect(sent.document.body).toEqual(edited(document, 'Approved text.').body)
    expect(sent.document.status).toBe('approved')

    clock.advance(60)
    const reopened = await stories.transition(writer, {
      id: document.id,
      action: 'reopen',
      revision: 2,
      note: 'One more fact',
    })
    expect(reopened).toMatchObject({
      status: 'submitted',
      approvedRevision: null,
      approvedBy: null,
    })
    expect((await refusal(stories.approvedDocument(document.id))).code).toBe('REFUSED')
    await stories.saveStory(writer, {
      document: edited(document, 'Corrected text.'),
      baseRevision: 2,
    })
    const stale = await refusal(act(chief, document.id, 'approve', 2))
    expect(stale.code).toBe('CONFLICT')
    expect(deskStoryCalls.transition.errors.CONFLICT.parse(stale.details)).toMatchObject({
      reason: 'stale',
      current: { revision: 3 },
    })
    const again = await act(chief, document.id, 'approve', 3)
    expect(again.approvedRevision).toBe(3)
    expect((await stories.approvedDocument(document.id)).document.body).toEqual(
      edited(document, 'Corrected text.').body,
    )
    // The older revision no longer shows an approval: it never rides along.
    expect((await stories.getRevision(writer, document.id, 2)).document.approval).toBeNull()

    const published = await act(chief, document.id, 'publish', 3)
    expect(published).toMatchObject({ status: 'published', publishedRevision: 3 })
    const audit = await stories.getAudit(chief, document.id)
    expect(audit.at(-1)).toMatchObject({
      action: 'transition:publish',
      revision: 3,
      detail: { from: 'approved', to: 'published', publishedRevision: 3 },
    })
  })

  it('never lets a save racing an approval change what was approved', async () => {
    for (let round = 0; round < 8; round += 1) {
      const { document } = await stories.saveStory(writer, { document: draftStory() })
      await act(writer, document.id, 'submit')
      const [approve, save] = await Promise.allSettled([
        act(chief, document.id, 'approve', 1),
        stories.saveStory(writer, { document: edited(document, 'Racing text'), baseRevision: 1 }),
      ])
      const story = await stories.getStory(writer, document.id)
      if (approve.status === 'fulfilled') {
        // The approval came first: the save was refused and revision 1 is what goes out.
        expect(save.status).toBe('rejected')
        expect(story).toMatchObject({ revision: 1, approvedRevision: 1 })
        expect((await stories.approvedDocument(document.id)).document.body).toEqual(document.body)
      } else {
        // The save came first: the approval named a revision that is no longer current.
        expect(save.status).toBe('fulfilled')
        expect(approve.reason).toMatchObject({ code: 'CONFLICT' })
        expect(story).toMatchObject({ revision: 2, approvedRevision: null, status: 'submitted' })
      }
    }
  })

  it('keeps notes with the revision they were written on and their author named from the accounts', async () => {
    const { document } = await stories.saveStory(writer, { document: draftStory() })
    await stories.saveStory(writer, { document: edited(document, 'Two'), baseRevision: 1 })
    await stories.addNote(chief, { id: document.id, body: 'On the first take', revision: 1 })
    await stories.addNote(writer, { id: document.id, body: 'On the current one' })
    const missing = await refusal(
      stories.addNote(writer, { id: document.id, body: 'x', revision: 9 }),
    )
    expect(missing.code).toBe('NOT_FOUND')
    await desk.db.query(`update accounts set name = 'Asha Rao-Bello' where id = $1`, [
      writer.accountId,
    ])
    const notes = await stories.listNotes(otherWriter, document.id)
    expect(deskStoryCalls.listNotes.output.parse({ notes })).toEqual({ notes })
    expect(notes.map((n) => [n.revision, n.author, n.body])).toEqual([
      [1, { accountId: chief.accountId, name: 'Chidi Desk' }, 'On the first take'],
      [2, { accountId: writer.accountId, name: 'Asha Rao-Bello' }, 'On the current one'],
    ])
    await desk.db.query(`update accounts set name = 'Asha Rao' where id = $1`, [writer.accountId])
  })

  it('appends an audit row for every save, transition and note, with actor ids; the trail cannot be rewritten', async () => {
    const { document } = await stories.saveStory(writer, { document: draftStory() })
    await stories.saveStory(writer, { document: edited(document, 'Two'), baseRevision: 1 })
    await act(writer, document.id, 'submit', 2)
    const note = await stories.addNote(chief, { id: document.id, body: 'Looks good' })
    await act(chief, document.id, 'approve', 2)
    const audit = await stories.getAudit(writer, document.id)
    expect(deskStoryCalls.getAudit.output.parse({ entries: audit })).toEqual({ entries: audit })
    expect(audit.map((a) => [a.action, a.actor?.accountId, a.revision, a.detail])).toEqual([
      ['story_created', writer.accountId, 1, {}],
      ['story_saved', writer.accountId, 2, { baseRevision: 1 }],
      [
        'transition:submit',
        writer.accountId,
        2,
        { from: 'draft', to: 'submitted', note: 'Because: submit' },
      ],
      ['note_added', chief.accountId, 2, { noteId: note.id }],
      [
        'transition:approve',
        chief.accountId,
        2,
        { from: 'submitted', to: 'approved', note: 'Because: approve' },
      ],
    ])
    await expect(
      desk.db.query(`update audit set action = 'nothing' where article_id = $1`, [document.id]),
    ).rejects.toMatchObject({ code: '42501' })
    const kinds = await desk.db.query(
      'select kind, revision from changes where article_id = $1 order by seq',
      [document.id],
    )
    expect(kinds).toEqual([
      { kind: 'story_saved', revision: 1 },
      { kind: 'story_saved', revision: 2 },
      { kind: 'story_transitioned', revision: 2 },
      { kind: 'note_added', revision: 2 },
      { kind: 'story_transitioned', revision: 2 },
    ])
  })

  it("the outbox's confirmation publishes only a story still approved on the pushed revision, audited as the pusher", async () => {
    const cms = { item: 'item-1', cms: 'Webhook', site: 'https://cms.example' }
    const pushed = await storyIn('approved')
    const wrong = await refusal(
      stories.confirmPushedPublication({
        id: pushed,
        revision: 2,
        pushedBy: chief.accountId,
        correction: null,
        cms,
      }),
    )
    expect(wrong.code).toBe('REFUSED')
    expect((await stories.getStory(writer, pushed)).status).toBe('approved')
    // A writer account named as the pusher (demoted since): the story's state decides, not its role.
    await stories.confirmPushedPublication({
      id: pushed,
      revision: 1,
      pushedBy: otherWriter.accountId,
      correction: null,
      cms,
    })
    const view = await stories.getStory(writer, pushed)
    expect(view.status).toBe('published')
    const entry = (await stories.getAudit(chief, pushed)).find(
      (e) => e.action === 'transition:publish',
    )
    expect(entry).toMatchObject({
      actor: { accountId: otherWriter.accountId },
      revision: 1,
      detail: { confirmedBy: 'outbox', cms },
    })
    // Published already: nothing more to confirm.
    expect(
      (
        await refusal(
          stories.confirmPushedPublication({
            id: pushed,
            revision: 1,
            pushedBy: chief.accountId,
            correction: null,
            cms,
          }),
        )
      ).code,
    ).toBe('REFUSED')
    // Published before and approved again: only with the push's note for readers, as a correction.
    const again = await storyIn('approved', true)
    expect(
      (
        await refusal(
          stories.confirmPushedPublication({
            id: again,
            revision: 1,
            pushedBy: chief.accountId,
            correction: null,
            cms,
          }),
        )
      ).code,
    ).toBe('REFUSED')
    await stories.confirmPushedPublication({
      id: again,
      revision: 1,
      pushedBy: chief.accountId,
      correction: "It said 'Tuesday'; it was Monday.",
      cms,
    })
    const corrected = await stories.getStory(writer, again)
    expect(corrected.status).toBe('corrected')
    expect(corrected.document.corrections.at(-1)).toMatchObject({
      by: 'Chidi Desk',
      note: "It said 'Tuesday'; it was Monday.",
    })
  })
})

describe('the transition call', () => {
  it('takes the revision it acts on, and an optional note', () => {
    const parsed = deskStoryCalls.transition.input.parse({
      id: '0b0c1d2e-3f40-4a51-8b62-7c8d9e0f1a2b',
      action: 'approve',
      revision: 4,
    })
    expect(parsed).toEqual({
      id: '0b0c1d2e-3f40-4a51-8b62-7c8d9e0f1a2b',
      action: 'approve',
      revision: 4,
      note: '',
    })
  })
})
