import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { PGlite, types, type Transaction } from '@electric-sql/pglite'
import { channelName } from './channelName'
import { DataFolderLock } from './DataFolderLock'
import type { Db, DbParam, DbQueries } from './Db'
import { toSafeInteger } from './toSafeInteger'
import { TransactionScope } from './TransactionScope'

export type PgliteOptions = {
  /**
   * The desk's data folder: the database lives in `<dataDir>/pgdata`, guarded by `<dataDir>/desk.lock`
   * (PGlite itself lets two processes open one folder, and they would corrupt it). Null: in memory.
   */
  dataDir: string | null
  /** A `dumpDataDir()` tarball to start from instead of a fresh initdb (tests' migrated template). */
  loadDataDir?: Blob
}

/** PGlite's own handle and a transaction's both offer these. */
type Runner = Pick<Transaction, 'query' | 'exec'>

/**
 * Embedded PostgreSQL (PGlite: PostgreSQL 18 in WebAssembly, one connection, in this process).
 *
 * Durability: PGlite writes every commit to its files before the commit resolves but never fsyncs
 * (its Node file system has no fsync; `relaxedDurability` changes nothing on Node). A killed server
 * loses nothing it acknowledged; a power cut or an operating-system crash can lose the last commits
 * or worse. That is the embedded desk's bargain: a small desk on one machine, and tests. A desk that
 * needs its saves to survive the machine runs on real PostgreSQL.
 */
export async function openPgliteDb(options: PgliteOptions): Promise<Db> {
  let lock: DataFolderLock | null = null
  if (options.dataDir !== null) {
    await mkdir(options.dataDir, { recursive: true })
    lock = await DataFolderLock.acquire(options.dataDir, 'desk server (embedded database)')
  }
  let pg: PGlite
  try {
    pg = await PGlite.create(
      options.dataDir === null ? undefined : join(options.dataDir, 'pgdata'),
      {
        parsers: { [types.INT8]: toSafeInteger },
        ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      },
    )
  } catch (error) {
    await lock?.release()
    throw error
  }
  const scope = new TransactionScope()
  const queries = (runner: Runner, guard: boolean): DbQueries => ({
    query: async (text, params: readonly DbParam[] = []) => {
      if (guard) scope.assertOutside('query')
      return (await runner.query<Record<string, unknown>>(text, [...params])).rows
    },
    exec: async (script) => {
      if (guard) scope.assertOutside('exec')
      await runner.exec(script)
    },
  })
  return {
    engine: 'pglite',
    ...queries(pg, true),
    transaction: (work) => {
      scope.assertOutside('transaction')
      return pg.transaction((tx) =>
        scope.run(async () => {
          const last: [string, DbParam[]][] = []
          const value = await work({
            ...queries(tx, false),
            atCommit: (text, params = []) => void last.push([text, [...params]]),
          })
          // One connection in this process: nothing to pipeline, only the order to keep.
          for (const [text, params] of last) await tx.query(text, params)
          return value
        }),
      )
    },
    listen: async (channel, onNotify, onListen) => {
      // One in-process connection: it never drops, so the listen is established exactly once.
      const unlisten = await pg.listen(channelName(channel), onNotify)
      onListen?.()
      return () => unlisten()
    },
    close: async () => {
      try {
        await pg.close()
      } finally {
        await lock?.release()
      }
    },
  }
}
