import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import postgres from 'postgres'

const run = promisify(execFile)

/** A fresh database for the bench on a PostgreSQL cluster; `drop` removes it (and a cluster it started). */
export type BenchPostgres = { url: string; where: string; drop: () => Promise<void> }

/**
 * A new database on the cluster of COPYDESK_TEST_DATABASE_URL or DATABASE_URL, else on a
 * throwaway cluster from scripts/pg-up.sh, stopped again by `drop` (callers drop in `finally`).
 */
export async function benchPostgres(): Promise<BenchPostgres> {
  const given = process.env.COPYDESK_TEST_DATABASE_URL || process.env.DATABASE_URL
  let clusterUrl = given ?? ''
  let stopCluster = async () => {}
  let where = 'the cluster of COPYDESK_TEST_DATABASE_URL / DATABASE_URL'
  if (!given) {
    const { stdout } = await run('bash', ['scripts/pg-up.sh'])
    const pgtmp = /^PGTMP=(.+)$/m.exec(stdout)?.[1]
    clusterUrl = /^DATABASE_URL=(.+)$/m.exec(stdout)?.[1] ?? ''
    if (!pgtmp || !clusterUrl) throw new Error(`scripts/pg-up.sh printed no cluster: ${stdout}`)
    stopCluster = async () => {
      await run('bash', ['scripts/pg-down.sh'], { env: { ...process.env, PGTMP: pgtmp } })
    }
    where = 'a throwaway cluster (scripts/pg-up.sh)'
  }
  const name = `copydesk_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const admin = postgres(clusterUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`create database ${name}`)
  } catch (error) {
    await admin.end({ timeout: 5 })
    await stopCluster()
    throw error
  }
  const url = new URL(clusterUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    where,
    drop: async () => {
      try {
        await admin.unsafe(`drop database if exists ${name} with (force)`)
        await admin.end({ timeout: 5 })
      } finally {
        await stopCluster()
      }
    },
  }
}
