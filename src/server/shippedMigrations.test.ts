import { describe, expect, it } from 'vitest'
import { loadMigrations } from './db/migrate'
import { shippedMigrations } from './shippedMigrations'

describe('shippedMigrations (bundled into the built server as text)', () => {
  it('are exactly the migration files, so a built server and a test agree on every checksum', async () => {
    const files = await loadMigrations()
    expect(files.length).toBeGreaterThan(0)
    expect(shippedMigrations()).toEqual(files)
  })
})
