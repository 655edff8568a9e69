import { recordChange } from '../feed/recordChange'
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import {
  CreateAccountInput,
  DeskAccountName,
  DeskDeviceName,
  DeskEmail,
  type DeskAccount,
  type DeskDevice,
  type DeskSession,
  type SignInOutput,
} from '../../shared/desk/calls/deskAccountCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { Clock } from '../../shared/domain/Clock'
import type { Db, DbQueries } from '../db/Db'
import type { Authenticate, Principal } from '../Principal'
import {
  ACCOUNT_COLUMNS,
  DEVICE_COLUMNS,
  accountRow,
  deviceRow,
  toDeskAccount,
  toDeskDevice,
  type AccountRow,
} from './accountRows'
import { ADVISORY_LOCKS } from './advisoryLocks'
import { authenticateToken } from './authenticateToken'
import { newDeviceToken } from './deviceToken'
import { insertAccount } from './insertAccount'
import { parseField } from './parseField'
import { revokeDeviceRow } from './revokeDeviceRow'
import { newPassword } from './newPassword'
import type { PasswordHasher } from './PasswordHasher'
import { ScryptPasswordHasher } from './ScryptPasswordHasher'
import { SIGN_IN_LIMITS, SignInLimiter, type SignInLimits } from './SignInLimiter'
import { updateAccountRow, type AccountChange } from './updateAccountRow'
import { writeAudit } from './writeAudit'

export type AccountServiceOptions = {
  /** How long a device stays signed in (default 90 days: a writer in the field is often offline). */
  tokenLifetimeDays?: number
  /** Default: scrypt at N=2^17, at most 2 at once and 32 waiting. */
  hasher?: PasswordHasher
  signInLimits?: SignInLimits
}

export type SignInRequest = {
  email: string
  password: string
  deviceName: string
  remoteAddress: string
}

const WRONG = 'Wrong e-mail or password.'

const SecretRow = z.object({
  id: z.string(),
  password_hash: z.string(),
  disabled_at: z.date().nullable(),
})

/**
 * Accounts, sign-in and device tokens of one desk. Every answer about who someone is comes from the
 * database at the time of the request: a role change or a disabled account counts at the next call.
 */
export class AccountService {
  private readonly hasher: PasswordHasher
  private readonly limiter: SignInLimiter
  private readonly tokenLifetimeMs: number
  private dummy: Promise<string> | null = null
  private deskIdCache: string | null = null

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    options: AccountServiceOptions = {},
  ) {
    this.hasher = options.hasher ?? new ScryptPasswordHasher()
    this.limiter = new SignInLimiter(db, clock, options.signInLimits ?? SIGN_IN_LIMITS)
    this.tokenLifetimeMs = (options.tokenLifetimeDays ?? 90) * 86_400_000
  }

  /** A bearer token to the principal it stands for, or UNAUTHENTICATED saying why not. */
  readonly authenticate: Authenticate = (token) => authenticateToken(this.db, this.clock, token)

  /**
   * A new device token for a right e-mail and password. A wrong e-mail and a wrong password get the
   * same answer after the same work (an unknown e-mail is checked against a dummy hash), and both
   * count toward the rate limits, which are checked before any hashing.
   */
  async signIn(request: SignInRequest): Promise<SignInOutput> {
    const email = parseField(DeskEmail, request.email, 'email')
    const deviceName = parseField(DeskDeviceName, request.deviceName, 'deviceName')
    const emailKey = email.toLowerCase()
    const dummy = await this.dummyHash()
    const attempt = await this.limiter.begin(emailKey, request.remoteAddress)
    let account: z.infer<typeof SecretRow> | null
    let right: boolean
    try {
      const [found] = await this.db.query(
        'select id, password_hash, disabled_at from accounts where lower(email) = lower($1)',
        [email],
      )
      account = found === undefined ? null : SecretRow.parse(found)
      right = await this.hasher.verify(request.password, account?.password_hash ?? dummy)
    } catch (error) {
      await this.limiter.withdraw(attempt)
      throw error
    }
    const now = this.clock.now()
    if (account === null || !right || account.disabled_at !== null) {
      const reason = account === null ? 'unknown e-mail' : !right ? 'wrong password' : 'disabled'
      await this.db.transaction((tx) =>
        writeAudit(tx, now, account?.id ?? null, 'sign-in-failed', {
          email,
          remoteAddress: request.remoteAddress,
          reason,
        }),
      )
      if (reason === 'disabled')
        throw new DeskError('UNAUTHENTICATED', 'This account is disabled: ask a desk admin.')
      throw new DeskError('UNAUTHENTICATED', WRONG)
    }
    const { id: accountId } = account
    const rehashed = await this.rehash(request.password, account.password_hash)
    const { token, hash } = newDeviceToken()
    const expiresAt = new Date(now.getTime() + this.tokenLifetimeMs)
    const device = await this.db.transaction(async (tx) => {
      const [inserted] = await tx.query(
        `insert into device_tokens (account_id, device_name, token_hash, created_at, last_used_at, expires_at)
         values ($1, $2, $3, $4::timestamptz, $4::timestamptz, $5::timestamptz) returning ${DEVICE_COLUMNS}`,
        [accountId, deviceName, hash, now, expiresAt],
      )
      const row = deviceRow(inserted ?? {})
      if (rehashed !== null)
        await tx.query(
          'update accounts set password_hash = $2 where id = $1 and password_hash = $3',
          [accountId, rehashed, account.password_hash],
        )
      await this.limiter.succeeded(tx, emailKey)
      await writeAudit(tx, now, accountId, 'sign-in', {
        deviceId: row.id,
        deviceName,
        remoteAddress: request.remoteAddress,
      })
      return row
    })
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      account: toDeskAccount(await this.accountById(this.db, accountId)),
      device: toDeskDevice(device, device.id),
      deskId: await this.deskId(),
    }
  }

  /** The caller's account, device and desk. */
  async session(principal: Principal): Promise<DeskSession> {
    const [device] = await this.db.query(
      `select ${DEVICE_COLUMNS} from device_tokens where id = $1`,
      [principal.deviceId],
    )
    return {
      account: toDeskAccount(await this.accountById(this.db, principal.accountId)),
      device: toDeskDevice(deviceRow(device ?? {}), principal.deviceId),
      deskId: await this.deskId(),
    }
  }

  /** Signs out the device making the request. */
  async signOut(principal: Principal): Promise<DeskDevice> {
    return this.revoke(principal, principal.deviceId, 'sign-out')
  }

  /**
   * Live devices (not signed out, not expired) of the caller, or of `accountId` for a desk admin;
   * the caller's own device is marked `current`.
   */
  async listDevices(principal: Principal, accountId?: string): Promise<DeskDevice[]> {
    const whose = accountId ?? principal.accountId
    if (whose !== principal.accountId) {
      if (principal.role !== 'desk-admin')
        throw new DeskError('FORBIDDEN', "Only a desk admin may list another account's devices.")
      await this.accountById(this.db, whose)
    }
    const rows = await this.db.query(
      `select ${DEVICE_COLUMNS} from device_tokens
       where account_id = $1 and revoked_at is null and expires_at > $2::timestamptz
       order by created_at, id`,
      [whose, this.clock.now()],
    )
    return rows.map((row) => toDeskDevice(deviceRow(row), principal.deviceId))
  }

  /** Signs one device out: one of the caller's own, or anyone's for a desk admin. */
  async revokeDevice(principal: Principal, deviceId: string): Promise<DeskDevice> {
    return this.revoke(principal, deviceId, 'device-revoked')
  }

  async listAccounts(): Promise<DeskAccount[]> {
    const rows = await this.db.query(
      `select ${ACCOUNT_COLUMNS} from accounts order by lower(email)`,
    )
    return rows.map((row) => toDeskAccount(accountRow(row)))
  }

  async findAccountByEmail(email: string): Promise<DeskAccount | null> {
    const [row] = await this.db.query(
      `select ${ACCOUNT_COLUMNS} from accounts where lower(email) = lower($1)`,
      [email.trim()],
    )
    return row === undefined ? null : toDeskAccount(accountRow(row))
  }

  /** A new account; `actorId` is the admin doing it (null: the server's own command line). */
  async createAccount(actorId: string | null, input: CreateAccountInput): Promise<DeskAccount> {
    return this.insertAccount(actorId, input, false)
  }

  /** The desk's first desk admin, from the command line; refused once a desk admin exists. */
  async createFirstAdmin(email: string, name: string, password: string): Promise<DeskAccount> {
    return this.insertAccount(null, { email, name, role: 'desk-admin', password }, true)
  }

  /**
   * Renames, changes the role of, disables or enables an account. Disabling also signs out all its
   * devices. Refuses to leave the desk without an enabled desk admin.
   */
  async updateAccount(actorId: string | null, change: AccountChange): Promise<DeskAccount> {
    const name =
      change.name === undefined ? undefined : parseField(DeskAccountName, change.name, 'name')
    const now = this.clock.now()
    const row = await this.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.admins])
      const before = await this.accountById(tx, change.accountId)
      const after = await updateAccountRow(tx, now, actorId, before, { ...change, name })
      await recordChange(tx, 'account_changed', null, null, actorId)
      return after
    })
    return toDeskAccount(row)
  }

  /** Sets a new password (desk admin) and signs out every device of the account. */
  async resetPassword(
    actorId: string | null,
    accountId: string,
    password: string,
  ): Promise<{ account: DeskAccount; devicesSignedOut: number }> {
    const hash = await this.hasher.hash(newPassword(password))
    const now = this.clock.now()
    return this.db.transaction(async (tx) => {
      const account = await this.accountById(tx, accountId)
      await tx.query(
        'update accounts set password_hash = $2, updated_at = $3::timestamptz where id = $1',
        [accountId, hash, now],
      )
      const revoked = await tx.query(
        `update device_tokens set revoked_at = $2::timestamptz
         where account_id = $1 and revoked_at is null returning id`,
        [accountId, now],
      )
      await this.limiter.clear(tx, account.email.toLowerCase())
      await writeAudit(tx, now, actorId, 'password-reset', {
        accountId,
        devicesSignedOut: revoked.length,
      })
      await recordChange(tx, 'account_changed', null, null, actorId)
      return {
        account: toDeskAccount(await this.accountById(tx, accountId)),
        devicesSignedOut: revoked.length,
      }
    })
  }

  /** This database's desk id (a workstation checks that it is talking to the desk it joined). */
  async deskId(): Promise<string> {
    if (this.deskIdCache === null) {
      const [row] = await this.db.query('select id from desk')
      this.deskIdCache = z.object({ id: z.string() }).parse(row).id
    }
    return this.deskIdCache
  }

  private async insertAccount(
    actorId: string | null,
    raw: CreateAccountInput,
    firstAdmin: boolean,
  ): Promise<DeskAccount> {
    const input = parseField(CreateAccountInput, raw, 'account')
    const passwordHash = await this.hasher.hash(newPassword(input.password))
    const account = { ...input, passwordHash }
    return toDeskAccount(
      await insertAccount(this.db, this.clock.now(), actorId, account, firstAdmin),
    )
  }

  private async revoke(
    principal: Principal,
    deviceId: string,
    action: 'sign-out' | 'device-revoked',
  ): Promise<DeskDevice> {
    const row = await revokeDeviceRow(this.db, this.clock.now(), principal, deviceId, action)
    return toDeskDevice(row, principal.deviceId)
  }

  private async accountById(queries: DbQueries, accountId: string): Promise<AccountRow> {
    if (!z.uuid().safeParse(accountId).success)
      throw new DeskError('NOT_FOUND', `No account ${accountId} on this desk.`)
    const [row] = await queries.query(`select ${ACCOUNT_COLUMNS} from accounts where id = $1`, [
      accountId,
    ])
    if (row === undefined) throw new DeskError('NOT_FOUND', `No account ${accountId} on this desk.`)
    return accountRow(row)
  }

  /**
   * The right password hashed again when its stored hash was made with other settings (the desk
   * raised scrypt's cost since): only at a sign-in is the password at hand. A busy hasher skips it
   * this time rather than refuse the sign-in.
   */
  private async rehash(password: string, stored: string): Promise<string | null> {
    if (!this.hasher.needsRehash?.(stored)) return null
    try {
      return await this.hasher.hash(password)
    } catch (error) {
      if (error instanceof DeskError && error.code === 'UNAVAILABLE') return null
      throw error
    }
  }

  /** A hash of nothing anyone knows, made once with the same parameters as real ones. */
  private dummyHash(): Promise<string> {
    this.dummy ??= this.hasher.hash(randomBytes(16).toString('hex')).catch((error: unknown) => {
      this.dummy = null
      throw error
    })
    return this.dummy
  }
}
