import { describe, expect, it } from 'vitest'
import { openDb } from './openDb'

describe('openDb', () => {
  it('refuses a database that is not a postgres URL, without echoing the rest of it (a password)', async () => {
    const refused = await openDb('mysql://desk:s3cret@db.example/desk', '/nonexistent').catch(
      (e: unknown) => e,
    )
    expect(String(refused)).toMatch(
      /--database must be a postgres:\/\/ or postgresql:\/\/ URL \(got "mysql"…\)/,
    )
    expect(String(refused)).not.toContain('s3cret')
  })
})
