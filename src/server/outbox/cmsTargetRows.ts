import { z } from 'zod'
import type { CmsSecrets, SecretName } from '../../cms/clientForTarget'
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from '../../shared/domain/DeskSettings'
import type { PushTarget } from '../../shared/domain/OutboxItem'
import type { CmsTargetView } from '../../shared/desk/calls/deskOutboxCalls'
import type { DbQueries } from '../db/Db'
import type { SecretBox } from './SecretBox'

export const CmsTargetRow = z.object({
  target: z.enum(['webhook', 'wordpress']),
  url: z.string(),
  username: z.string(),
  post_status: z.enum(['draft', 'pending', 'publish']),
  secret_sealed: z.string().nullable(),
  secret_origin: z.string().nullable(),
  updated_by: z.string(),
  updated_by_name: z.string(),
  updated_at: z.date(),
})
export type CmsTargetRow = z.infer<typeof CmsTargetRow>

export const SECRET_OF: Record<PushTarget, SecretName> = {
  webhook: 'webhookToken',
  wordpress: 'wordpressPassword',
}

/** What a sealed secret is bound to: its target and the origin it was entered for. */
export function secretContext(target: PushTarget, origin: string): string {
  return `copydesk cms secret\n${target}\n${origin}`
}

export async function loadTargets(q: DbQueries, target?: PushTarget): Promise<CmsTargetRow[]> {
  const rows = await q.query(
    `select t.target, t.url, t.username, t.post_status, t.secret_sealed, t.secret_origin,
            t.updated_by, a.name as updated_by_name, t.updated_at
     from cms_targets t join accounts a on a.id = t.updated_by
     where $1::text is null or t.target = $1 order by t.target`,
    [target ?? null],
  )
  return rows.map((row) => CmsTargetRow.parse(row))
}

/** A target as the desk sees it: never the secret. */
export function targetView(row: CmsTargetRow): CmsTargetView {
  return {
    target: row.target,
    url: row.url,
    user: row.username,
    postStatus: row.post_status,
    hasSecret: row.secret_sealed !== null,
    secretOrigin: row.secret_origin,
    updatedBy: { accountId: row.updated_by, name: row.updated_by_name },
    updatedAt: row.updated_at.toISOString(),
  }
}

/**
 * The desk's targets as the workstation's DeskSettings spell them, for clientForTarget. A server
 * with a public address (`--public-url`) sends webhook pictures as links to itself, otherwise base64.
 */
export function settingsOf(rows: CmsTargetRow[], publicUrl: string | null = null): DeskSettings {
  const webhook = rows.find((row) => row.target === 'webhook')
  const wordpress = rows.find((row) => row.target === 'wordpress')
  return {
    ...DEFAULT_DESK_SETTINGS,
    webhookUrl: webhook?.url ?? '',
    webhookPictures: publicUrl === null ? 'base64' : 'links',
    webhookPicturesUrl: publicUrl ?? '',
    wordpressUrl: wordpress?.url ?? '',
    wordpressUser: wordpress?.username ?? '',
    wordpressStatus: wordpress?.post_status ?? DEFAULT_DESK_SETTINGS.wordpressStatus,
  }
}

/**
 * The targets' secrets, opened with the server's key, each for the origin it was entered for only;
 * or why one cannot be opened (the key changed): a push must say so rather than go without it.
 */
export function openSecrets(rows: CmsTargetRow[], box: SecretBox): CmsSecrets | string {
  const opened = new Map<SecretName, { value: string; origin: string }>()
  for (const row of rows) {
    if (row.secret_sealed === null || row.secret_origin === null) continue
    try {
      const value = box.open(row.secret_sealed, secretContext(row.target, row.secret_origin))
      opened.set(SECRET_OF[row.target], { value, origin: row.secret_origin })
    } catch (error) {
      return `${row.target === 'webhook' ? 'The webhook token' : 'The WordPress application password'}: ${error instanceof Error ? error.message : String(error)}`
    }
  }
  return {
    get: (name, origin) => {
      const secret = opened.get(name)
      return secret && origin !== null && secret.origin === origin ? secret.value : null
    },
    boundOrigin: (name) => opened.get(name)?.origin ?? null,
  }
}
