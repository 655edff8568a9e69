import { randomUUID } from 'node:crypto'
import postgres from 'postgres'

/**
 * A database of its own on the test cluster, so test files never see each other's rows; `drop`
 * removes it (and ends connections still open on it).
 */
export async function postgresTestDatabase(
  clusterUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `copydesk_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const admin = postgres(clusterUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(clusterUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end({ timeout: 5 })
    },
  }
}
