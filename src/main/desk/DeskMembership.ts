import { workflowRole, type AccountRole } from '../../shared/desk/AccountRole'
import { DESK_API_VERSION } from '../../shared/desk/calls/deskFeedCalls'
import { createDeskClient, type DeskClient } from '../../shared/desk/createDeskClient'
import type {
  DeskConnection,
  DeskRefusalReason,
  DeskSessionState,
  DeskStatus,
} from '../../shared/desk/DeskConnection'
import { DeskError } from '../../shared/desk/DeskError'
import { isoNow, type Clock } from '../../shared/domain/Clock'
import type { Profile } from '../../shared/domain/Profile'
import { log } from '../log/log'
import type { DataDirAccess } from '../store/DataDirAccess'
import type { JsonDocument } from '../store/JsonDocument'
import type { Quarantine } from '../store/Quarantine'
import type { SecretStore } from '../store/SecretStore'
import { openDeskConnectionFile } from './DeskConnectionFile'
import { joinRefusal, notRevoked, refused, sessionFailure } from './deskFailures'
import { deskUrl } from './deskUrl'

export type DeskMembershipOptions = {
  clock: Clock
  /** What this workstation calls itself in the desk's list of devices. */
  deviceName: () => string
  fetch?: typeof fetch
  /** How long the desk may take to answer one call (15 s unless told). */
  timeoutMs?: number
}

export type JoinDeskRequest = { url: string; email: string; password: string }

/** What leaving did on the desk: the token revoked there, already refused, or the desk not reached. */
export type LeaveOutcome = {
  left: DeskConnection
  revoked: 'revoked' | 'already-refused' | 'not-reached'
  message: string
}

type Joined = Extract<DeskStatus, { joined: true }>

/** Who works here when joined: the profile the workflow reads, and which desk account it is. */
export type DeskProfile = Profile & {
  desk: { url: string; email: string; accountRole: AccountRole }
}

/**
 * This workstation's membership of a desk server: join (sign in, keep the device token in the
 * secret store and the connection in desk-connection.json), status (does the desk still accept the
 * token), leave (revoke the token on the desk when it can be reached, forget both; the local
 * stories stay). While joined, the desk account is who is at this workstation.
 */
export class DeskMembership {
  private readonly fetch: typeof fetch
  private readonly timeoutMs: number

  private constructor(
    private readonly doc: JsonDocument<{ connection: DeskConnection | null }>,
    private readonly secrets: SecretStore,
    private readonly access: DataDirAccess,
    private readonly options: DeskMembershipOptions,
  ) {
    this.fetch = options.fetch ?? fetch
    this.timeoutMs = options.timeoutMs ?? 15_000
  }

  static async open(
    dataDir: string,
    quarantine: Quarantine,
    access: DataDirAccess,
    secrets: SecretStore,
    options: DeskMembershipOptions,
  ): Promise<DeskMembership> {
    const doc = await openDeskConnectionFile(dataDir, quarantine, access)
    return new DeskMembership(doc, secrets, access, options)
  }

  connection(): DeskConnection | null {
    return this.doc.data.connection
  }

  /**
   * The desk account as the workflow's profile (a desk admin acts as a desk chief), naming the desk
   * and the account's own role; null when standalone.
   */
  profile(): DeskProfile | null {
    const connection = this.connection()
    if (connection === null) return null
    const { url, account } = connection
    return {
      name: account.name,
      role: workflowRole(account.role),
      desk: { url, email: account.email, accountRole: account.role },
    }
  }

  /**
   * A client of the joined desk signed in as this device, for the sync; the token is read at each
   * call, so signing in again takes effect at once. Null when standalone.
   */
  deskClient(fetcher: typeof fetch = this.fetch): DeskClient | null {
    const connection = this.connection()
    if (connection === null) return null
    return createDeskClient({
      baseUrl: connection.url,
      fetch: fetcher,
      token: () => this.token(connection),
      timeouts: { callMs: this.timeoutMs },
    })
  }

  /** The fetch desk calls use (the platform's unless a test gave one). */
  get deskFetch(): typeof fetch {
    return this.fetch
  }

  /** Refuses a local profile while joined: the desk account is who works here. */
  assertStandalone(): void {
    const connection = this.connection()
    if (connection !== null)
      throw refused(
        'already-joined',
        `This workstation has joined the desk at ${connection.url}: you work as the desk account ${connection.account.name} (${connection.account.email}). Leave the desk to use a local profile.`,
      )
  }

  async join(request: JoinDeskRequest): Promise<Joined> {
    const checked = deskUrl(request.url)
    if (!checked.ok) throw refused(checked.reason, checked.message)
    const current = this.connection()
    const again =
      current !== null &&
      current.url === checked.url &&
      current.account.email.toLowerCase() === request.email.trim().toLowerCase()
    if (current !== null && !again)
      throw refused(
        'already-joined',
        `This workstation has joined the desk at ${current.url} as ${current.account.name} (${current.account.email}): leave that desk first ("copydesk desk leave", or Leave in Desk settings).`,
      )
    log.addSecret(request.password)
    const client = this.client(checked.url, () => null)
    const info = await this.call(
      checked.url,
      (signal) => client.getDesk({}, { signal }),
      'not-a-desk',
    )
    if (info.apiVersion !== DESK_API_VERSION)
      throw refused(
        'not-a-desk',
        `The desk at ${checked.url} speaks desk API version ${info.apiVersion}; this Copydesk speaks version ${DESK_API_VERSION}. Update whichever is older.`,
      )
    const deviceName = this.options.deviceName()
    const signed = await this.call(
      checked.url,
      (signal) =>
        client.signIn({ email: request.email, password: request.password, deviceName }, { signal }),
      'sign-in-refused',
    )
    const fresh = this.client(checked.url, () => signed.token)
    if (current !== null && current.deskId !== signed.deskId) {
      await fresh.signOut({}, { signal: AbortSignal.timeout(this.timeoutMs) }).catch(() => {})
      throw refused(
        'already-joined',
        `The address ${checked.url} now answers as another desk than the one this workstation joined: leave the old desk first ("copydesk desk leave").`,
      )
    }
    // Signing in again (an expired token): the old token goes, where the desk can still be told.
    const oldToken = current === null ? null : this.secrets.get('deskToken', checked.origin)
    if (oldToken !== null && oldToken !== signed.token)
      await this.client(checked.url, () => oldToken)
        .signOut({}, { signal: AbortSignal.timeout(this.timeoutMs) })
        .catch(() => {})
    const connection: DeskConnection = {
      url: checked.url,
      deskId: signed.deskId,
      account: {
        id: signed.account.id,
        name: signed.account.name,
        email: signed.account.email,
        role: signed.account.role,
      },
      deviceId: signed.device.id,
      deviceName: signed.device.name,
      joinedAt: current?.joinedAt ?? isoNow(this.options.clock),
      expiresAt: signed.expiresAt,
    }
    // The token first: a connection on disk always has its token beside it.
    await this.secrets.set('deskToken', signed.token, checked.origin)
    await this.doc.save({ connection })
    return this.joined(connection, { state: 'signed-in', checkedAt: isoNow(this.options.clock) })
  }

  async status(): Promise<DeskStatus> {
    const connection = this.connection()
    if (connection === null) return { joined: false }
    const token = this.token(connection)
    if (token === null)
      return this.joined(connection, {
        state: 'no-token',
        message: `This workstation no longer has its sign-in for ${connection.url} (the secrets file was set aside or the keychain changed): join again to sign in.`,
      })
    try {
      const session = await this.client(connection.url, () => token).whoAmI(
        {},
        { signal: AbortSignal.timeout(this.timeoutMs) },
      )
      if (session.deskId !== connection.deskId)
        return this.joined(connection, {
          state: 'other-desk',
          message: `${connection.url} now answers as another desk than the one this workstation joined: leave and join again.`,
        })
      const current = await this.refreshAccount(connection, session.account)
      return this.joined(current, { state: 'signed-in', checkedAt: isoNow(this.options.clock) })
    } catch (error) {
      return this.joined(connection, sessionFailure(connection, error, this.options.clock))
    }
  }

  async leave(): Promise<LeaveOutcome> {
    const connection = this.connection()
    if (connection === null) throw refused('not-joined', 'This workstation has not joined a desk.')
    const token = this.token(connection)
    let outcome: Pick<LeaveOutcome, 'revoked' | 'message'>
    try {
      if (token === null) throw new DeskError('UNAUTHENTICATED', 'No device token was kept.')
      await this.client(connection.url, () => token).signOut(
        {},
        { signal: AbortSignal.timeout(this.timeoutMs) },
      )
      outcome = {
        revoked: 'revoked',
        message: `Left the desk at ${connection.url}: this device (${connection.deviceName}) is signed out there. The stories on this workstation stay.`,
      }
    } catch (error) {
      outcome = notRevoked(connection, error)
    }
    await this.doc.save({ connection: null })
    await this.secrets.set('deskToken', null, null)
    return { left: connection, ...outcome }
  }

  private token(connection: DeskConnection): string | null {
    return this.secrets.get('deskToken', originOf(connection.url))
  }

  private joined(connection: DeskConnection, session: DeskSessionState): Joined {
    return { joined: true, connection, session, tokenProtection: this.secrets.protection }
  }

  /** A name or role changed on the desk since joining: the workstation follows. */
  private async refreshAccount(
    connection: DeskConnection,
    account: DeskConnection['account'],
  ): Promise<DeskConnection> {
    const { id, name, email, role } = account
    const same =
      connection.account.name === name &&
      connection.account.email === email &&
      connection.account.role === role
    const next = { ...connection, account: { id, name, email, role } }
    // A read-only folder shows the desk's answer without keeping it.
    if (same || this.access.readOnly) return same ? connection : next
    await this.doc.save({ connection: next }).catch((error: unknown) => {
      log.problem('desk', 'The desk account’s new name or role could not be saved.', error)
    })
    return this.connection() ?? next
  }

  private client(baseUrl: string, token: () => string | null): DeskClient {
    return createDeskClient({
      baseUrl,
      fetch: this.fetch,
      token,
      timeouts: { callMs: this.timeoutMs },
    })
  }

  /** One call made while joining: the desk's refusal becomes one the person can act on. */
  private async call<T>(
    url: string,
    send: (signal: AbortSignal) => Promise<T>,
    otherwise: DeskRefusalReason,
  ): Promise<T> {
    try {
      return await send(AbortSignal.timeout(this.timeoutMs))
    } catch (error) {
      throw joinRefusal(url, error, otherwise)
    }
  }
}

function originOf(url: string): string | null {
  const checked = deskUrl(url)
  return checked.ok ? checked.origin : null
}
