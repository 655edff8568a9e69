import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { promisify } from 'node:util'
import type { TestProject } from 'vitest/node'

/** The real PostgreSQL the server's tests use, or why they skip it (visible in the test names). */
export type TestPostgres = { url: string; skip: null } | { url: null; skip: string }

declare module 'vitest' {
  export interface ProvidedContext {
    testPostgres: TestPostgres
  }
}

const run = promisify(execFile)

/**
 * Gives the server's tests a real PostgreSQL: COPYDESK_TEST_DATABASE_URL when set (CI starts its own
 * cluster), else a throwaway cluster from scripts/pg-up.sh when Debian's server binaries exist,
 * stopped and removed after the run. Without either, the PostgreSQL half skips and says why.
 */
export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.COPYDESK_TEST_DATABASE_URL
  if (given) {
    project.provide('testPostgres', { url: given, skip: null })
    return undefined
  }
  const hasInitdb =
    existsSync('/usr/lib/postgresql') &&
    readdirSync('/usr/lib/postgresql').some((v) =>
      existsSync(`/usr/lib/postgresql/${v}/bin/initdb`),
    )
  if (!hasInitdb) {
    project.provide('testPostgres', {
      url: null,
      skip: 'no COPYDESK_TEST_DATABASE_URL and no initdb (apt-get install -y postgresql)',
    })
    return undefined
  }
  const { stdout } = await run('bash', ['scripts/pg-up.sh'])
  const vars = new Map(
    stdout
      .split('\n')
      .map((line) => line.split('='))
      .map(([key, ...value]) => [key ?? '', value.join('=')]),
  )
  const url = vars.get('DATABASE_URL')
  const folder = vars.get('PGTMP')
  if (!url || !folder) throw new Error(`scripts/pg-up.sh printed no DATABASE_URL/PGTMP:\n${stdout}`)
  project.provide('testPostgres', { url, skip: null })
  return async () => {
    await run('bash', ['scripts/pg-down.sh'], { env: { ...process.env, PGTMP: folder } })
  }
}
