import type { DeskOutboxItem, DeskPushOutcome } from '../../shared/desk/calls/deskOutboxCalls'
import type { DeskClient } from '../../shared/desk/createDeskClient'
import { DeskError } from '../../shared/desk/DeskError'
import {
  markPublishedBlocker,
  OutboxItem,
  type PushOutcome,
  type PushTarget,
} from '../../shared/domain/OutboxItem'
import { AppError } from '../../shared/ipc/AppError'
import { needsTheDesk } from './needsTheDesk'

/** How the desk's pushes are reached: its client, and the refusal while it cannot be. */
export type DeskOutboxLink = {
  client: DeskClient
  /** Refuses ("Pushing to the CMS needs the desk: you are offline.") unless the desk is reachable. */
  reachDesk: (action: 'push') => Promise<void>
}

/**
 * A joined workstation's pushes, asked of the desk's outbox (pushStory and the rest): the desk
 * sends the approved revision it holds to its own CMS target, with its own credentials, and
 * publishes the story when the CMS confirms it, so every workstation hears of it through the
 * change feed and no two push the same story. Answers in the shapes the local outbox answers, so
 * the window shows a desk push as it shows a standalone one.
 */
export class DeskOutbox {
  constructor(private readonly link: DeskOutboxLink) {}

  async push(input: {
    id: string
    target: PushTarget
    correction?: string | undefined
  }): Promise<PushOutcome> {
    await this.link.reachDesk('push')
    const outcome = await this.ask(input.id, () =>
      this.link.client.pushStory({
        id: input.id,
        target: input.target,
        ...(input.correction === undefined ? {} : { correction: input.correction }),
      }),
    )
    return outcomeOf(outcome)
  }

  /** The desk's pushes of one story (or all), newest first; a writer sees none (the desk's outbox is the desk chiefs'). */
  async list(input: { articleId?: string | undefined }): Promise<OutboxItem[]> {
    try {
      await this.link.reachDesk('push')
    } catch {
      throw new AppError('REFUSED', 'The desk’s outbox needs the desk: you are offline.', {
        reason: 'offline',
      })
    }
    try {
      const { items } = await this.link.client.listOutbox({
        ...(input.articleId === undefined ? {} : { articleId: input.articleId }),
        limit: 100,
      })
      return items.map(itemOf)
    } catch (error) {
      if (error instanceof DeskError && error.code === 'FORBIDDEN') return []
      throw asAppError(error, null)
    }
  }

  /** "Retry now" on the desk's push. */
  async retry(input: { id: string }): Promise<OutboxItem> {
    await this.link.reachDesk('push')
    const outcome = await this.ask(null, () => this.link.client.retryOutboxItem({ id: input.id }))
    return itemOf(outcome.item)
  }

  /** "Check WordPress now" on the desk's push: a post found live publishes the story on the desk. */
  async check(input: { id: string }): Promise<PushOutcome> {
    await this.link.reachDesk('push')
    const outcome = await this.ask(null, () => this.link.client.checkOutboxItem({ id: input.id }))
    return outcomeOf(outcome)
  }

  /**
   * Refuses "Mark published" while the story's latest WordPress push on the desk waits as a draft
   * (see markPublishedBlocker), as a standalone workstation does with its own outbox. When the
   * desk's outbox cannot be read, the transition itself goes to the desk and says why it cannot.
   */
  async assertMayMarkPublished(storyId: string): Promise<void> {
    const items = await this.list({ articleId: storyId }).catch(() => [])
    const reason = markPublishedBlocker(items, storyId)
    if (reason) throw new AppError('REFUSED', reason)
  }

  private async ask<T>(storyId: string | null, call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (error) {
      throw asAppError(error, storyId)
    }
  }
}

/** The desk's item as the local outbox's (who pushed it is in `by`, by name). */
function itemOf(item: DeskOutboxItem): OutboxItem {
  return OutboxItem.parse(item)
}

function outcomeOf(outcome: DeskPushOutcome): PushOutcome {
  return { item: itemOf(outcome.item), sent: outcome.sent, message: outcome.message }
}

/**
 * The desk's refusal as the IPC's: a desk that cannot be reached is the offline refusal; a story the
 * desk does not have is NOT_FOUND with its id; anything else is refused with the desk's own words
 * (a story published before keeps `needsCorrection`, so the window asks for the note).
 */
function asAppError(error: unknown, storyId: string | null): unknown {
  if (!(error instanceof DeskError)) return error
  if (error.code === 'UNAVAILABLE') return needsTheDesk('push')
  if (error.code === 'NOT_FOUND' && storyId !== null)
    return new AppError(
      'NOT_FOUND',
      'This story is not on the desk yet: it can be pushed once it has reached the desk.',
      { id: storyId },
    )
  return new AppError('REFUSED', error.message, error.details)
}
