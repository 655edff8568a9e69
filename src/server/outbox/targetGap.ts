import type { PushTarget } from '../../shared/domain/OutboxItem'
import type { CmsTargetRow } from './cmsTargetRows'

const SET_BY_ADMIN = 'a desk admin must set it on the desk server (setCmsTarget)'

/**
 * What the desk's push target lacks before anything can go to it, or null when it has what it
 * needs. Said for whoever pushed (often from a workstation whose own Desk settings play no part)
 * and naming what the desk admin must do: the workstation's wording ("in Desk settings") would
 * send them to the wrong place.
 */
export function targetGap(target: PushTarget, rows: readonly CmsTargetRow[]): string | null {
  const row = rows.find((candidate) => candidate.target === target)
  if (target === 'webhook')
    return row
      ? null
      : `This desk has no webhook to push to: ${SET_BY_ADMIN}, with the webhook's URL (and its token if it needs one), before stories can be pushed to it.`
  if (!row)
    return `This desk has no WordPress site to push to: ${SET_BY_ADMIN}, with the site's URL, a user and an application password, before stories can be pushed to it.`
  if (row.secret_sealed === null)
    return `The desk's WordPress target has no application password: ${SET_BY_ADMIN}, with the password of ${row.username}, before stories can be pushed to it.`
  return null
}
