import { z } from 'zod'
import { AccountRole } from '../AccountRole'
import type { DeskCallGroup } from '../DeskCallDeclaration'

// eslint-disable-next-line no-control-regex -- the point is to refuse control characters
const CONTROL = /[\u0000-\u001f\u007f]/

/** An e-mail as an account's sign-in name: one @ with something either side, no spaces. */
export const DeskEmail = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address looks like name@example.org')

/** A person's name as the desk shows it. */
export const DeskAccountName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((name) => !CONTROL.test(name), 'a name has no control characters')

/** What a workstation calls itself when it signs in (shown in the list of devices). */
export const DeskDeviceName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((name) => !CONTROL.test(name), 'a device name has no control characters')

/**
 * A password as sent. The rule (10 to 1024 characters after NFC) is the server's, in characters
 * rather than UTF-16 units; this outer bound only keeps a huge body from reaching the hasher.
 */
export const DeskPassword = z.string().min(1).max(4096)

const Id = z.uuid()
const Time = z.iso.datetime({ offset: true })

/** An account as the API shows it: never its password hash. */
export const DeskAccount = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: AccountRole,
  disabledAt: Time.nullable(),
  createdAt: Time,
  updatedAt: Time,
})
export type DeskAccount = z.infer<typeof DeskAccount>

/** One signed-in device: never its token or the token's hash. */
export const DeskDevice = z.object({
  id: Id,
  accountId: Id,
  name: z.string(),
  createdAt: Time,
  lastUsedAt: Time.nullable(),
  expiresAt: Time,
  revokedAt: Time.nullable(),
  /** The device making this request. */
  current: z.boolean(),
})
export type DeskDevice = z.infer<typeof DeskDevice>

export const SignInInput = z.strictObject({
  email: DeskEmail,
  password: DeskPassword,
  deviceName: DeskDeviceName,
})
export type SignInInput = z.infer<typeof SignInInput>

/** Who is signed in where: the account, this device and the desk (a workstation checks it joined this one). */
export const DeskSession = z.object({ account: DeskAccount, device: DeskDevice, deskId: Id })
export type DeskSession = z.infer<typeof DeskSession>

/** A new sign-in: the token is shown this once (the server keeps only its SHA-256). */
export const SignInOutput = DeskSession.extend({ token: z.string(), expiresAt: Time })
export type SignInOutput = z.infer<typeof SignInOutput>

export const CreateAccountInput = z.strictObject({
  email: DeskEmail,
  name: DeskAccountName,
  role: AccountRole,
  password: DeskPassword,
})
export type CreateAccountInput = z.infer<typeof CreateAccountInput>

export const UpdateAccountInput = z
  .strictObject({
    accountId: Id,
    name: DeskAccountName.optional(),
    role: AccountRole.optional(),
    disabled: z.boolean().optional(),
  })
  .refine(
    (input) => input.name !== undefined || input.role !== undefined || input.disabled !== undefined,
    'say what to change: name, role or disabled',
  )
export type UpdateAccountInput = z.infer<typeof UpdateAccountInput>

export const ResetPasswordInput = z.strictObject({ accountId: Id, password: DeskPassword })

const RetryAfter = z.object({ retryAfterSeconds: z.number().int().min(1) })
const NoDetails = z.unknown()

/**
 * The largest body an account call takes: its longest input (a 4,096-unit password, a 320-character
 * e-mail, a 200-character name) as UTF-8 JSON fits with room to spare, so sign-in, which anyone may
 * call, can never make the server hold more than this per request.
 */
export const DESK_ACCOUNT_BODY_BYTES = 16 * 1024

/** Sign-in, devices and account management. */
export const deskAccountCalls = {
  signIn: {
    method: 'POST',
    maxBodyBytes: DESK_ACCOUNT_BODY_BYTES,
    path: '/v1/session/sign-in',
    access: 'public',
    input: SignInInput,
    output: SignInOutput,
    errors: {
      INVALID_INPUT: NoDetails,
      UNAUTHENTICATED: NoDetails,
      RATE_LIMITED: RetryAfter,
      UNAVAILABLE: NoDetails,
    },
  },
  signOut: {
    method: 'POST',
    maxBodyBytes: DESK_ACCOUNT_BODY_BYTES,
    path: '/v1/session/sign-out',
    access: 'signed-in',
    input: z.strictObject({}),
    output: z.object({ device: DeskDevice }),
    errors: {},
  },
  whoAmI: {
    method: 'GET',
    path: '/v1/session',
    access: 'signed-in',
    input: z.strictObject({}),
    output: DeskSession,
    errors: {},
  },
  listDevices: {
    method: 'GET',
    path: '/v1/devices',
    access: 'signed-in',
    /** Another account's devices: desk admins only. Live devices only (not signed out, not expired). */
    input: z.strictObject({ accountId: Id.optional() }),
    output: z.object({ devices: z.array(DeskDevice) }),
    errors: { FORBIDDEN: NoDetails, NOT_FOUND: NoDetails },
  },
  revokeDevice: {
    method: 'POST',
    maxBodyBytes: DESK_ACCOUNT_BODY_BYTES,
    path: '/v1/devices/revoke',
    access: 'signed-in',
    input: z.strictObject({ deviceId: Id }),
    output: z.object({ device: DeskDevice }),
    errors: { NOT_FOUND: NoDetails },
  },
  listAccounts: {
    method: 'GET',
    path: '/v1/accounts',
    access: 'desk-admin',
    input: z.strictObject({}),
    output: z.object({ accounts: z.array(DeskAccount) }),
    errors: { FORBIDDEN: NoDetails },
  },
  createAccount: {
    method: 'POST',
    maxBodyBytes: DESK_ACCOUNT_BODY_BYTES,
    path: '/v1/accounts',
    access: 'desk-admin',
    input: CreateAccountInput,
    output: z.object({ account: DeskAccount }),
    errors: {
      INVALID_INPUT: NoDetails,
      FORBIDDEN: NoDetails,
      CONFLICT: NoDetails,
      UNAVAILABLE: NoDetails,
    },
  },
  updateAccount: {
    method: 'POST',
    maxBodyBytes: DESK_ACCOUNT_BODY_BYTES,
    path: '/v1/accounts/update',
    access: 'desk-admin',
    input: UpdateAccountInput,
    output: z.object({ account: DeskAccount }),
    errors: {
      INVALID_INPUT: NoDetails,
      FORBIDDEN: NoDetails,
      NOT_FOUND: NoDetails,
      REFUSED: NoDetails,
    },
  },
  resetPassword: {
    method: 'POST',
    maxBodyBytes: DESK_ACCOUNT_BODY_BYTES,
    path: '/v1/accounts/reset-password',
    access: 'desk-admin',
    input: ResetPasswordInput,
    output: z.object({ account: DeskAccount, devicesSignedOut: z.number().int().min(0) }),
    errors: {
      INVALID_INPUT: NoDetails,
      FORBIDDEN: NoDetails,
      NOT_FOUND: NoDetails,
      UNAVAILABLE: NoDetails,
    },
  },
} satisfies DeskCallGroup
