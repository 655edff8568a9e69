import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Knows whether the running code is inside one of a Db's transactions, so a stray call on the Db
 * itself fails loudly on both engines. On PGlite it would wait forever (the transaction holds the
 * one connection); on PostgreSQL it would quietly run outside the transaction.
 */
export class TransactionScope {
  private readonly inside = new AsyncLocalStorage<true>()

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.inside.run(true, work)
  }

  assertOutside(what: string): void {
    if (this.inside.getStore())
      throw new Error(
        `${what} was called on the database inside a transaction: use the transaction's own handle (tx)`,
      )
  }
}
