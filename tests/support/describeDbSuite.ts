import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ArticleStatus } from '../../src/shared/domain/Article'
import type { Db } from '../../src/server/db/Db'
import { APPEND_ONLY_TABLES, grantServingRole } from '../../src/server/db/grantServingRole'
import { loadMigrations, migrate, type Migration } from '../../src/server/db/migrate'
import { sqlStateOf } from '../../src/server/db/sqlStateOf'

/**
 * The database a suite runs on, and a second handle on it: another server's connections. Real
 * PostgreSQL can also connect as another role of the cluster (`openAs`).
 */
export type DbUnderTest = {
  db: Db
  other: Db
  openAs?: (role: string) => Promise<Db>
  dispose(): Promise<void>
}

/** A promise and the function that settles it, to hold a transaction open until the test says. */
function gate(): { promise: Promise<void>; open(): void } {
  let open = (): void => {}
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

async function count(db: Db, from: string): Promise<number> {
  const [row] = await db.query(`select count(*) as n from ${from}`)
  return Number(row?.n)
}

/**
 * The same tests for every engine the desk server runs on (PGlite and PostgreSQL): what the server
 * relies on must hold on both, quirks included. On PGlite `other` is the same engine: one process
 * owns a PGlite folder, so "two servers" there means two callers in one process.
 */
export function describeDbSuite(
  engine: string,
  skip: string | null,
  open: () => Promise<DbUnderTest>,
): void {
  describe.skipIf(skip !== null)(skip === null ? engine : `${engine} (skipped: ${skip})`, () => {
    let target: DbUnderTest
    let db: Db
    let migrations: Migration[]

    beforeAll(async () => {
      target = await open()
      db = target.db
      migrations = await loadMigrations()
    })
    afterAll(() => target?.dispose())

    const emptySchema = (): Promise<void> =>
      db.exec('drop schema public cascade; create schema public')
    const freshDesk = async (): Promise<void> => {
      await emptySchema()
      await migrate(db, migrations)
    }
    const addAccount = async (role = 'writer'): Promise<string> => {
      const [row] = await db.query(
        `insert into accounts (email, name, role, password_hash) values ($1, $2, $3, 'x') returning id`,
        [`${role}-${Math.random()}@desk.example`, 'Ann Writer', role],
      )
      return String(row?.id)
    }

    describe('migrations', () => {
      it('apply once; a second run applies nothing', async () => {
        await emptySchema()
        expect(await migrate(db, migrations)).toEqual(migrations.map((m) => m.name))
        expect(migrations[0]?.name).toBe('001_initial.sql')
        expect(await migrate(db, migrations)).toEqual([])
        expect(await count(db, 'schema_migrations')).toBe(migrations.length)
        const [row] = await db.query(
          `select to_regclass('accounts') is not null and to_regclass('device_tokens') is not null
             and to_regclass('articles') is not null and to_regclass('revisions') is not null
             and to_regclass('notes') is not null and to_regclass('audit') is not null
             and to_regclass('changes') is not null as complete`,
        )
        expect(row?.complete).toBe(true)
      })

      it('two servers starting at once: one applies, the other waits and finds nothing to do (node-pg-migrate fails the second)', async () => {
        await emptySchema()
        const results = await Promise.all([
          migrate(db, migrations),
          migrate(target.other, migrations),
        ])
        expect(results.map((names) => names.length).sort()).toEqual([0, migrations.length])
        expect(await count(db, 'schema_migrations')).toBe(migrations.length)
      })

      it('refuse a migration edited after it was applied', async () => {
        await freshDesk()
        const edited = migrations.map((m) =>
          m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m,
        )
        await expect(migrate(db, edited)).rejects.toThrow(
          /001_initial\.sql was edited after it was applied/,
        )
      })

      it('refuse a database a newer server migrated further', async () => {
        await freshDesk()
        const newer = [
          ...migrations,
          { version: 999, name: '999_later.sql', sql: 'create table later (a int)' },
        ]
        expect(await migrate(db, newer)).toEqual(['999_later.sql'])
        await expect(migrate(db, migrations)).rejects.toThrow(/migration 999 .* newer Copydesk/)
      })

      it('a failing migration leaves nothing applied, earlier ones of the same run included', async () => {
        await emptySchema()
        const broken = [
          ...migrations,
          { version: 2, name: '002_broken.sql', sql: 'create table broken (' },
        ]
        await expect(migrate(db, broken)).rejects.toThrow()
        const [row] = await db.query(
          `select to_regclass('accounts') is null and to_regclass('schema_migrations') is null as empty`,
        )
        expect(row?.empty).toBe(true)
      })
    })

    describe('the Db', () => {
      beforeAll(() => freshDesk())

      it('gives int8 as a number on both engines, and throws past 2^53 instead of rounding', async () => {
        const [row] = await db.query(
          'select 9007199254740991::int8 as big, count(*) as n from desk',
        )
        expect(row).toEqual({ big: 9007199254740991, n: 1 })
        await expect(db.query('select 9007199254740993::int8 as big')).rejects.toThrow(
          /beyond 2\^53/,
        )
        expect(await db.query('select 1 as still_works')).toEqual([{ still_works: 1 }])
      })

      it('refuses the Db itself inside a transaction (PGlite would wait forever), then carries on', async () => {
        await expect(db.transaction(() => db.query('select 1'))).rejects.toThrow(
          /transaction's own handle/,
        )
        expect(await db.transaction((tx) => tx.query('select 2 as two'))).toEqual([{ two: 2 }])
      })

      it('rolls a transaction back when its work throws', async () => {
        const before = await count(db, 'accounts')
        await expect(
          db.transaction(async (tx) => {
            await tx.query(
              `insert into accounts (email, name, role, password_hash) values ('r@x.example', 'R', 'writer', 'x')`,
            )
            throw new Error('changed my mind')
          }),
        ).rejects.toThrow('changed my mind')
        expect(await count(db, 'accounts')).toBe(before)
      })

      it('runs an atCommit statement last, after the work, in the transaction; its failure rolls everything back', async () => {
        const before = await count(db, 'accounts')
        const order = await db.transaction(async (tx) => {
          tx.atCommit?.(
            `insert into accounts (email, name, role, password_hash) values ('last@x.example', 'Last', 'writer', 'x')`,
          )
          // Queued, not run: the work goes on before it.
          const [row] = await tx.query(
            `select count(*) as n from accounts where email = 'last@x.example'`,
          )
          return Number(row?.n)
        })
        expect(order).toBe(0)
        expect(await count(db, 'accounts')).toBe(before + 1)
        await expect(
          db.transaction(async (tx) => {
            await tx.query(
              `insert into accounts (email, name, role, password_hash) values ('kept@x.example', 'K', 'writer', 'x')`,
            )
            tx.atCommit?.('select 1 / $1::int', [0])
            return 'committed?'
          }),
        ).rejects.toThrow(/division by zero/)
        expect(await count(db, 'accounts')).toBe(before + 1)
        // The connection is fine afterwards.
        expect(await db.transaction((tx) => tx.query('select 3 as three'))).toEqual([{ three: 3 }])
      })

      it('takes a jsonb parameter as JSON text or as the value, the same on both engines (bug: postgres.js stored JSON text as a JSON string)', async () => {
        const document = {
          headline: `It's "news"; drop table audit; --`,
          tags: ['a', 'b'],
          words: 3,
        }
        const rows = await db.query(
          'select $1::jsonb as text_form, $2::jsonb as value_form, $3::jsonb as array_form',
          [JSON.stringify(document), document, ['a', 1, null]],
        )
        expect(rows).toEqual([
          { text_form: document, value_form: document, array_form: ['a', 1, null] },
        ])
      })

      it('stores SQL metacharacters in parameters verbatim', async () => {
        const name = `O'Brien"); drop table accounts; --`
        const [row] = await db.query(
          `insert into accounts (email, name, role, password_hash) values ($1, $2, 'writer', 'x') returning name`,
          [`obrien-${Math.random()}@x.example`, name],
        )
        expect(row?.name).toBe(name)
        expect(await count(db, 'accounts')).toBeGreaterThan(0)
      })
    })

    describe('the schema', () => {
      beforeAll(() => freshDesk())

      it("accepts every ArticleStatus of the app's workflow and nothing else", async () => {
        const author = await addAccount()
        const save = (status: string): Promise<unknown> =>
          db.transaction(async (tx) => {
            const [row] = await tx.query(
              `insert into articles (id, status, current_revision, created_by) values (gen_random_uuid(), $1, 1, $2) returning id`,
              [status, author],
            )
            await tx.query(
              `insert into revisions (article_id, number, document, saved_by) values ($1, 1, $2::jsonb, $3)`,
              [String(row?.id), JSON.stringify({ headline: `A ${status} story` }), author],
            )
          })
        for (const status of ArticleStatus.options) await save(status)
        expect(await count(db, 'articles')).toBe(ArticleStatus.options.length)
        const refused = await save('archived').catch((error: unknown) => error)
        expect(sqlStateOf(refused)).toBe('23514')
      })

      it('refuses an article whose current revision does not exist (checked at commit)', async () => {
        const author = await addAccount()
        const refused = await db
          .query(
            `insert into articles (id, current_revision, created_by) values (gen_random_uuid(), 3, $1)`,
            [author],
          )
          .catch((error: unknown) => error)
        expect(sqlStateOf(refused)).toBe('23503')
      })

      it('the audit trail and revisions refuse UPDATE, DELETE and TRUNCATE, even from the tables’ owner', async () => {
        const actor = await addAccount('desk-chief')
        await db.query(
          `insert into audit (actor_id, action, detail) values ($1, 'approve', $2::jsonb)`,
          [actor, JSON.stringify({ revision: 3 })],
        )
        for (const statement of [
          `update audit set action = 'reject'`,
          'delete from audit',
          'truncate audit',
          'update revisions set document = null',
        ]) {
          const refused = await db.query(statement).catch((error: unknown) => error)
          expect(sqlStateOf(refused), statement).toBe('42501')
          expect(String(refused)).toMatch(/append-only/)
        }
        expect(await db.query('select action, detail from audit')).toEqual([
          { action: 'approve', detail: { revision: 3 } },
        ])
      })

      it('the tables with an append-only trigger are exactly those grantServingRole keeps append-only', async () => {
        const rows = await db.query(
          `select distinct c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
             join pg_proc p on p.oid = t.tgfoid where p.proname = 'refuse_change' order by 1`,
        )
        expect(rows.map((row) => row.name)).toEqual([...APPEND_ONLY_TABLES].sort())
      })
    })

    describe('the change feed', () => {
      beforeAll(() => freshDesk())

      it('a reader at seq > N never sees a gap while writers commit concurrently (a bigserial feed loses rows)', async () => {
        const writers = 6
        const each = 5
        let running = writers
        const write = async (): Promise<void> => {
          for (let i = 0; i < each; i += 1)
            await target.other.transaction(async (tx) => {
              await tx.query(`insert into audit (action) values ('save')`)
              await sleep(Math.random() * 4)
              await tx.query(`select record_change('save', null, null, null)`)
              await sleep(Math.random() * 4)
            })
          running -= 1
        }
        const seen: number[] = []
        const gaps: string[] = []
        const read = async (): Promise<void> => {
          const since = seen.at(-1) ?? 0
          for (const row of await db.query('select seq from changes where seq > $1 order by seq', [
            since,
          ])) {
            const seq = Number(row.seq)
            if (seq !== (seen.at(-1) ?? 0) + 1) gaps.push(`${seen.at(-1) ?? 0} -> ${seq}`)
            seen.push(seq)
          }
        }
        const reader = async (): Promise<void> => {
          while (running > 0) await read()
          await read()
        }
        await Promise.all([reader(), ...Array.from({ length: writers }, write)])
        expect(gaps).toEqual([])
        expect(seen).toEqual(Array.from({ length: writers * each }, (_, i) => i + 1))
      })

      it('a NOTIFY from a commit reaches a listener on another connection, carrying the seq', async () => {
        let listens = 0
        let heard = (_payload: string): void => {}
        const payload = new Promise<string>((resolve) => (heard = resolve))
        const unlisten = await target.other.listen(
          'desk_changes',
          (p) => heard(p),
          () => (listens += 1),
        )
        const seq = await db.transaction(async (tx) => {
          await tx.query(`insert into audit (action) values ('save')`)
          const [row] = await tx.query(`select record_change('save', null, null, null) as seq`)
          return Number(row?.seq)
        })
        expect(await payload).toBe(String(seq))
        expect(listens).toBe(1)
        await unlisten()
      })
    })

    describe.runIf(skip === null && engine.startsWith('PostgreSQL'))(
      'ordering on real PostgreSQL',
      () => {
        beforeAll(() => freshDesk())

        const waitForLockWaiter = async (): Promise<void> => {
          for (;;) {
            const [row] = await db.query(
              `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
            )
            if (Number(row?.n) > 0) return
            await sleep(10)
          }
        }

        it('the pitfall, pinned: with a bigserial a slow transaction’s lower number is skipped for good', async () => {
          await db.exec('create table naive_feed (seq bigserial primary key)')
          const hold = gate()
          const inserted = gate()
          const slow = db.transaction(async (tx) => {
            await tx.query('insert into naive_feed default values')
            inserted.open()
            await hold.promise
          })
          await inserted.promise
          await target.other.query('insert into naive_feed default values')
          const first = await target.other.query(
            'select seq from naive_feed where seq > 0 order by seq',
          )
          hold.open()
          await slow
          const next = await target.other.query(
            'select seq from naive_feed where seq > 2 order by seq',
          )
          expect([...first, ...next].map((row) => Number(row.seq))).toEqual([2])
        })

        it('the serving role adds to the audit trail but can neither change it nor switch its guard off', async () => {
          await freshDesk()
          const role = `copydesk_app_${Math.random().toString(36).slice(2, 10)}`
          await db.exec(`create role ${role} login`)
          const openAs = target.openAs
          if (!openAs) throw new Error('this engine cannot connect as another role')
          await grantServingRole(db, role)
          const app = await openAs(role)
          const refusal = (sql: string): Promise<string | null> =>
            app.query(sql).then(
              () => null,
              (error: unknown) => sqlStateOf(error),
            )
          try {
            await app.query(`insert into audit (action) values ('approve')`)
            await app.query(`select record_change('approve', null, null, null)`)
            expect(await refusal(`update audit set action = 'x'`)).toBe('42501')
            expect(await refusal('delete from revisions')).toBe('42501')
            expect(await refusal('alter table audit disable trigger audit_append_only')).toBe(
              '42501',
            )
            expect(
              await refusal(
                `insert into schema_migrations (version, name, checksum) values (9, 'x', 'x')`,
              ),
            ).toBe('42501')
            expect(await count(app, 'schema_migrations')).toBe(migrations.length)
          } finally {
            await app.close()
            await db.exec(`drop owned by ${role}; drop role ${role}`)
          }
        })

        it('a writer that queued record_change at commit does not hold the counter row while its work goes on (bug: the row stayed locked for a round trip more, and under load every save queued behind it)', async () => {
          await freshDesk()
          const hold = gate()
          const queued = gate()
          const writing = db.transaction(async (tx) => {
            tx.atCommit?.(`select record_change('save', null, null, null)`)
            queued.open()
            await hold.promise
            return tx.query('select 1')
          })
          await queued.promise
          // Another server's writer is not kept waiting: the row is free until that COMMIT.
          const other = await target.other.transaction((tx) =>
            tx.query('select last_seq from change_counter for update nowait'),
          )
          expect(other).toHaveLength(1)
          hold.open()
          await writing
          expect(
            (await db.query('select seq, kind from changes order by seq')).map((r) => r.kind),
          ).toEqual(['save'])
        })

        it('with the counter row the second writer waits for the slow one, so nothing is skipped', async () => {
          await freshDesk()
          const hold = gate()
          const numbered = gate()
          const slow = db.transaction(async (tx) => {
            const [row] = await tx.query(`select record_change('save', null, null, null) as seq`)
            numbered.open()
            await hold.promise
            return Number(row?.seq)
          })
          await numbered.promise
          const fast = target.other.transaction(async (tx) => {
            const [row] = await tx.query(`select record_change('save', null, null, null) as seq`)
            return Number(row?.seq)
          })
          await waitForLockWaiter()
          const before = await target.other.query('select seq from changes order by seq')
          hold.open()
          const [slowSeq, fastSeq] = await Promise.all([slow, fast])
          expect(before).toEqual([])
          expect([slowSeq, fastSeq]).toEqual([1, 2])
          expect(
            (await db.query('select seq from changes order by seq')).map((r) => Number(r.seq)),
          ).toEqual([1, 2])
        })
      },
    )
  })
}
