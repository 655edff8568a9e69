import type { Clock } from '../../shared/domain/Clock'
import type { Db } from '../db/Db'

/**
 * After the CMS secret key is lost (a server's data folder gone, COPYDESK_SECRET_KEY forgotten):
 * the sealed secrets cannot be opened by any key there is, and every server with a new key is
 * refused at start (checkSecretKey). This forgets the sealed secrets and the desk's key check, in
 * one transaction, with an audit row: the next server to start records its key, and a desk admin
 * enters each target's secret again. The targets' addresses, users and post statuses stay, and so
 * do the pushes (they wait, naming the missing secret, until it is set).
 */
export async function forgetCmsSecrets(db: Db, clock: Clock): Promise<{ targets: string[] }> {
  const now = clock.now()
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `update cms_targets set secret_sealed = null, secret_origin = null, updated_at = $1::timestamptz
       where secret_sealed is not null returning target`,
      [now],
    )
    await tx.query('update desk set secret_key_check = null')
    const targets = rows.map((row) => String(row['target'])).sort()
    await tx.query(
      `insert into audit (at, actor_id, action, detail)
       values ($1::timestamptz, null, 'cms-secrets-forgotten', $2::jsonb)`,
      [now, JSON.stringify({ targets })],
    )
    return { targets }
  })
}
