import { randomBytes, randomUUID } from 'node:crypto'
import type { Db } from '../../src/server/db/Db'
import type { Principal } from '../../src/server/Principal'
import type { AccountRole } from '../../src/shared/desk/AccountRole'
import type { Article } from '../../src/shared/domain/Article'
import type { Clock } from '../../src/shared/domain/Clock'
import { newArticle } from '../../src/shared/domain/newArticle'

/**
 * Accounts and signed-in devices for the stories tests, made with plain INSERTs (the accounts
 * service is another slice): what an authenticated request's Principal would be.
 */
export async function signedIn(
  db: Db,
  name: string,
  role: AccountRole,
  options: { tokenExpiresAt?: string } = {},
): Promise<Principal> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${randomUUID().slice(0, 8)}@desk.example`
  const rows = await db.query(
    `insert into accounts (email, name, role, password_hash) values ($1, $2, $3, 'scrypt$test') returning id`,
    [email, name, role],
  )
  const accountId = String(rows[0]?.['id'])
  return anotherDevice(db, { accountId, name, email, role }, options)
}

/** The same account signed in on one more device. */
export async function anotherDevice(
  db: Db,
  account: Omit<Principal, 'deviceId'>,
  options: { tokenExpiresAt?: string } = {},
): Promise<Principal> {
  const rows = await db.query(
    `insert into device_tokens (account_id, device_name, token_hash, expires_at)
     values ($1, 'Test laptop', $2, $3::timestamptz) returning id`,
    [
      account.accountId,
      randomBytes(32).toString('hex'),
      options.tokenExpiresAt ?? '2030-01-01T00:00:00Z',
    ],
  )
  return { ...account, deviceId: String(rows[0]?.['id']) }
}

/** A clock the test moves: lease expiry without sleeping. */
export type MovableClock = Clock & { advance(seconds: number): void }

export function movableClock(iso: string): MovableClock {
  let at = Date.parse(iso)
  return {
    now: () => new Date(at),
    advance: (seconds) => {
      at += seconds * 1000
    },
  }
}

/** A new story as a workstation makes it (its own id, maybe offline) that passes the desk's checks. */
export function draftStory(fields: Partial<Article> = {}): Article {
  const article = newArticle({
    id: randomUUID(),
    author: 'Whoever the workstation says',
    now: '2026-12-01T13:00:00.000Z',
    fields: {
      headline: 'Council approves the new bridge',
      dateline: { place: 'Lagos', date: '2026-12-01' },
      byline: ['Asha Rao'],
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The council voted.' }] }],
      },
    },
  })
  return { ...article, ...fields }
}

/** The same story with a new body text: what an editor's next save sends. */
export function edited(article: Article, text: string): Article {
  return {
    ...article,
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
  }
}
