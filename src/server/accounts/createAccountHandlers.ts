import type { deskAccountCalls } from '../../shared/desk/calls/deskAccountCalls'
import { DeskError } from '../../shared/desk/DeskError'
import type { DeskCallContext, DeskGroupHandlers } from '../DeskHandlers'
import type { Principal } from '../Principal'
import type { AccountService } from './AccountService'

/** The desk API's account calls over an AccountService. */
export function createAccountHandlers(
  accounts: AccountService,
): DeskGroupHandlers<typeof deskAccountCalls> {
  return {
    signIn: (input, context) => accounts.signIn({ ...input, remoteAddress: context.remoteAddress }),
    signOut: async (_input, context) => ({ device: await accounts.signOut(signedIn(context)) }),
    whoAmI: (_input, context) => accounts.session(signedIn(context)),
    listDevices: async (input, context) => ({
      devices: await accounts.listDevices(signedIn(context), input.accountId),
    }),
    revokeDevice: async (input, context) => ({
      device: await accounts.revokeDevice(signedIn(context), input.deviceId),
    }),
    listAccounts: async (_input, context) => {
      admin(context)
      return { accounts: await accounts.listAccounts() }
    },
    createAccount: async (input, context) => ({
      account: await accounts.createAccount(admin(context).accountId, input),
    }),
    updateAccount: async (input, context) => ({
      account: await accounts.updateAccount(admin(context).accountId, input),
    }),
    resetPassword: (input, context) =>
      accounts.resetPassword(admin(context).accountId, input.accountId, input.password),
  }
}

/** The transport lets only signed-in callers through; this says so to the type checker, and holds if it did not. */
function signedIn(context: DeskCallContext): Principal {
  if (context.principal === null)
    throw new DeskError('UNAUTHENTICATED', 'Sign in first: this call needs a device token.')
  return context.principal
}

/** Checked again here (the transport checks `access`), on the role the database gave this request. */
function admin(context: DeskCallContext): Principal {
  const principal = signedIn(context)
  if (principal.role !== 'desk-admin')
    throw new DeskError('FORBIDDEN', 'Only a desk admin may manage accounts.')
  return principal
}
