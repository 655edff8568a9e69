/** A JSON value, for a `jsonb` parameter. */
export type DbJson = string | number | boolean | null | DbJson[] | { [key: string]: DbJson }

/**
 * A value a query parameter may carry. For a `$1::jsonb` parameter pass the value itself (an object
 * or array) or JSON text: both engines treat a string there as JSON text, never as a JSON string.
 */
export type DbParam = string | number | boolean | null | Date | DbJson[] | { [key: string]: DbJson }

/** A row as the engine gave it; callers parse it (zod) before trusting its shape. */
export type DbRow = Record<string, unknown>

/** What runs SQL: the database itself, or a transaction's own handle. */
export type DbQueries = {
  /** One statement with `$n` parameters; never build SQL from values. */
  query(text: string, params?: readonly DbParam[]): Promise<DbRow[]>
  /** A script of several statements without parameters: migrations only. */
  exec(script: string): Promise<void>
  /**
   * A transaction's handle only: runs the statement as the transaction's last, after `work`
   * resolves, sent together with the COMMIT (no round trip to this process between), so a lock it
   * takes is held through the commit alone. For record_change(), whose counter-row lock every
   * writer queues on. A failure of it rolls the transaction back and rejects `transaction()`.
   */
  atCommit?(text: string, params?: readonly DbParam[]): void
}

/**
 * The desk's database: real PostgreSQL (openPostgresDb) or embedded PGlite (openPgliteDb), with the
 * same behaviour where the server can tell: int8 and bigserial come back as numbers (or throw past
 * 2^53), timestamptz as Date, jsonb as parsed JSON, errors carry the SQLSTATE as `code`.
 */
export type Db = DbQueries & {
  readonly engine: 'postgres' | 'pglite'
  /**
   * Runs `work` in one transaction on its own handle `tx`; a throw rolls back. Calling the Db itself
   * inside `work` throws (on PGlite it would wait forever for the transaction it is part of), and so
   * does awaiting network I/O there on PGlite: the transaction holds the whole engine meanwhile.
   */
  transaction<T>(work: (tx: DbQueries) => Promise<T>): Promise<T>
  /**
   * LISTENs on `channel`. `onListen` runs each time the listen is (re)established, so a caller can
   * re-read what it may have missed while disconnected. Resolves to the unlisten function.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<() => Promise<void>>
  close(): Promise<void>
}
