import postgres from 'postgres'
import { channelName } from './channelName'
import type { Db, DbParam, DbQueries, DbRow } from './Db'
import { toSafeInteger } from './toSafeInteger'
import { TransactionScope } from './TransactionScope'

export type PostgresOptions = {
  /** `postgres://user:password@host:port/database` (TLS and the rest as libpq URL parameters). */
  url: string
  /** Pool size; LISTEN takes one more connection of its own. */
  maxConnections?: number
}

/** The part of postgres.js's `sql` and a transaction's `tx` that the Db wraps. */
type Runner = {
  unsafe(
    text: string,
    params?: DbParam[],
    options?: { prepare: boolean },
  ): PromiseLike<DbRow[]> & { simple(): PromiseLike<unknown> }
}

/**
 * Queries with parameters run as named prepared statements, kept per connection. postgres.js's
 * `unsafe` does not prepare by default, and an unprepared query with parameters costs two round
 * trips (Parse and Describe first, to learn the parameter types, then Bind and Execute): the desk
 * bench's CPU profile showed those writes to PostgreSQL as the server's largest item. Prepared,
 * each text is described once per connection and every later call is one round trip. Every query
 * here is a fixed text with parameters, so the statements kept are few. (A transaction-pooling
 * PgBouncer before 1.21 cannot carry prepared statements: put the desk's servers straight on
 * PostgreSQL or on a pooler that supports them.)
 */
const PREPARED = { prepare: true }

/**
 * Real PostgreSQL through postgres.js. Connects before resolving, so a wrong URL or a server that
 * is down fails here with the driver's message, not at the first request.
 */
export async function openPostgresDb(options: PostgresOptions): Promise<Db> {
  const sql = postgres(options.url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    connection: { application_name: 'copydesk-desk' },
    types: {
      bigint: {
        to: 20,
        from: [20],
        parse: toSafeInteger,
        serialize: (value: number) => String(value),
      },
      // As PGlite does: a string for a json/jsonb parameter is JSON text. postgres.js's own
      // serializer would JSON.stringify it again and store a JSON string instead of the document.
      json: {
        to: 114,
        from: [114, 3802],
        serialize: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)),
        parse: (text: string): unknown => JSON.parse(text),
      },
    },
  })
  const scope = new TransactionScope()
  const queries = (runner: Runner, guard: boolean): DbQueries => ({
    query: async (text, params = []) => {
      if (guard) scope.assertOutside('query')
      return [...(await runner.unsafe(text, [...params], PREPARED))]
    },
    exec: async (script) => {
      if (guard) scope.assertOutside('exec')
      await runner.unsafe(script).simple()
    },
  })
  try {
    await sql.unsafe('select 1')
  } catch (error) {
    await sql.end({ timeout: 1 })
    throw error
  }
  return {
    engine: 'postgres',
    ...queries(sql, true),
    transaction: async (work) => {
      scope.assertOutside('transaction')
      const box = await sql.begin((tx) =>
        scope.run(async () => {
          const last: [string, DbParam[]][] = []
          const value = await work({
            ...queries(tx, false),
            atCommit: (text, params = []) => void last.push([text, [...params]]),
          })
          // Not awaited: postgres.js pipelines the COMMIT that sql.begin sends next right behind
          // them on this connection. A failed one aborts the transaction (its COMMIT rolls back).
          const outcomes = last.map(([text, params]) =>
            tx.unsafe(text, params, PREPARED).then(
              () => null,
              (error: unknown) => ({ error }),
            ),
          )
          return { value, outcomes }
        }),
      )
      for (const failed of await Promise.all(box.outcomes)) if (failed) throw failed.error
      return box.value
    },
    listen: async (channel, onNotify, onListen) => {
      // postgres.js keeps LISTEN on a connection of its own, reconnects and re-LISTENs by itself.
      const { unlisten } = await sql.listen(channelName(channel), onNotify, onListen)
      return unlisten
    },
    close: () => sql.end({ timeout: 5 }),
  }
}
