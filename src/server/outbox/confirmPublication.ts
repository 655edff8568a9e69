import { PushError, type CmsClient } from '../../cms/CmsClient'
import { contentKeyOf } from '../../cms/contentKeyOf'
import { DeskError } from '../../shared/desk/DeskError'
import type { ApprovedDocument } from '../stories/StoryService'
import { isoAt, type OutboxContext } from './OutboxContext'
import { auditOutbox, type OutboxRow } from './outboxRows'
import { withCorrection } from './withCorrection'

/**
 * A live delivery publishes the story (with its correction note, if it carried one) when the story
 * is still approved on the version that was sent; a later approval waits for its own push. The
 * CMS's answer goes into the audit trail first, then StoryService.confirmPushedPublication on the
 * approved revision, as the account that pushed (or the desk chief pushing the same version again),
 * even if that account was disabled or demoted since (review: the story then never became published).
 */
export async function confirmPublication(
  context: OutboxContext,
  row: OutboxRow,
  client: CmsClient,
  actorId = row.pushed_by,
): Promise<void> {
  let approved: ApprovedDocument
  try {
    approved = await approvedForPush(context, row.article_id)
  } catch {
    return
  }
  const article = approved.document
  if (article.status !== 'approved') return
  // Published before and approved again: only a push with a note for readers publishes it.
  if (article.publishedAt && row.correction === null) return
  const sending = withCorrection(article, row.correction, row.pushed_by_name, row.created_at)
  if (contentKeyOf(sending, client) !== row.content_key) return
  const now = isoAt(context.clock)
  await context.db.transaction((tx) =>
    auditOutbox(tx, {
      at: now,
      actorId,
      action: 'outbox:live',
      articleId: row.article_id,
      revision: approved.revision,
      detail: {
        item: row.id,
        cms: client.name,
        site: row.site,
        remoteId: row.remote_id,
        remoteStatus: row.remote_status,
        link: row.remote_link,
      },
    }),
  )
  try {
    // As the account that pushed, whatever its role is now: the push was a desk chief's decision.
    await context.stories.confirmPushedPublication({
      id: row.article_id,
      revision: approved.revision,
      pushedBy: actorId,
      correction: row.correction,
      cms: {
        item: row.id,
        cms: client.name,
        site: row.site,
        remoteId: row.remote_id,
        remoteStatus: row.remote_status,
        link: row.remote_link,
      },
    })
  } catch (error) {
    context.log(
      'error',
      `${client.name} has the story live, but the desk could not mark it published; the next push to ${client.name} will.`,
      { item: row.id, article: row.article_id, error: context.messageOf(error) },
    )
  }
}

/** The story's approved revision, or a PushError when it has none any more (it was reopened). */
export async function approvedForPush(
  context: OutboxContext,
  articleId: string,
): Promise<ApprovedDocument> {
  try {
    return await context.stories.approvedDocument(articleId)
  } catch (error) {
    if (error instanceof DeskError && error.code === 'REFUSED')
      throw new PushError(
        'The story was reopened after this push was queued; approve it again and push',
        false,
      )
    throw error
  }
}
