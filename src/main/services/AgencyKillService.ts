import type { Article } from '../../shared/domain/Article'
import { AppError } from '../../shared/ipc/AppError'
import { isoNow } from '../../shared/domain/Clock'
import type { ArticleRepository } from '../store/ArticleRepository'
import type { WorkflowEnv, WorkflowService } from './WorkflowService'

/**
 * An agency's kill of a story the desk imported, kept on that story: a blocking check in the
 * editor ("The agency withdrew this story: do not publish"), an entry in its audit trail, until a
 * desk chief acknowledges it. Recording the same kill again changes nothing.
 */
export class AgencyKillService {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly workflow: WorkflowService,
    private readonly env: WorkflowEnv,
  ) {}

  async record(input: { id: string; reason: string; uri?: string | undefined }): Promise<Article> {
    const current = await this.articles.get(input.id)
    const reason = input.reason.trim()
    const known = current.agencyKill
    if (known && known.reason === reason && known.uri === input.uri) return current
    const at = isoNow(this.env.clock)
    const next = await this.articles.update(current.id, current.revision, (article) => ({
      ...article,
      agencyKill: { at, reason, ...(input.uri ? { uri: input.uri } : {}), acknowledged: null },
      revision: article.revision + 1,
      updatedAt: at,
    }))
    await this.workflow.record(next, 'agency-kill', {
      note: `The agency withdrew this story: ${reason}`,
    })
    return next
  }

  async acknowledge(input: { id: string }): Promise<Article> {
    const actor = this.env.profile()
    if (actor?.role !== 'desk-chief')
      throw new AppError('REFUSED', "An agency's kill is acknowledged by a desk chief.")
    const current = await this.articles.get(input.id)
    if (!current.agencyKill)
      throw new AppError('REFUSED', 'No agency kill is recorded on this story.')
    if (current.agencyKill.acknowledged) return current
    const at = isoNow(this.env.clock)
    const next = await this.articles.update(current.id, current.revision, (article) => ({
      ...article,
      agencyKill: article.agencyKill && {
        ...article.agencyKill,
        acknowledged: { by: actor.name, at },
      },
      revision: article.revision + 1,
      updatedAt: at,
    }))
    await this.workflow.record(next, 'agency-kill-acknowledged', {
      note: `${actor.name} read the agency's kill and decided what to do with the story.`,
    })
    return next
  }
}
