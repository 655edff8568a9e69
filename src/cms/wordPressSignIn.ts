import { isRecord } from './isRecord'
import { WordPressRest, type WordPressSite } from './WordPressRest'

/**
 * Signs in to WordPress as the configured user (GET /wp/v2/users/me?context=edit): their display
 * name, and whether they may publish. A refusal is a PushError that names the cause.
 */
export async function signInToWordPress(
  site: WordPressSite,
): Promise<{ name: string; canPublish: boolean }> {
  const me = await new WordPressRest(site, 'sign-in').v2('/users/me?context=edit')
  const name = isRecord(me) && typeof me['name'] === 'string' ? me['name'] : site.user
  const caps = isRecord(me) && isRecord(me['capabilities']) ? me['capabilities'] : {}
  return { name, canPublish: caps['publish_posts'] === true }
}
