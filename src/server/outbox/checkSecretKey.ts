import { z } from 'zod'
import type { DbQueries } from '../db/Db'
import type { SecretBox } from './SecretBox'

/**
 * Makes sure this server seals the CMS secrets with the desk's key: the first server to start records
 * its key's check value on the desk (one statement, so two starting together agree on one); a server
 * whose key has another check value gets an Error saying what to do, instead of starting and sealing
 * secrets the desk's other servers cannot open (each would silently fail the other's pushes).
 */
export async function checkSecretKey(q: DbQueries, box: SecretBox, keyFile: string): Promise<void> {
  // Written once (two servers starting together: the second's update finds it set and does nothing).
  await q.query('update desk set secret_key_check = $1 where secret_key_check is null', [
    box.keyCheck(),
  ])
  const rows = await q.query('select secret_key_check from desk')
  const desk = z.object({ secret_key_check: z.string() }).parse(rows[0])
  if (desk.secret_key_check !== box.keyCheck())
    throw new Error(
      `this server's CMS secret key is not the desk's: give every server of a desk the same COPYDESK_SECRET_KEY (or copy ${keyFile}); if the desk's key is lost, "copydesk desk admin forget-cms-secrets --force" forgets the secrets sealed with it`,
    )
}
