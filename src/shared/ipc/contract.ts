import type { z } from 'zod'
import type { AppErrorCode } from './AppError'
import type { CallDeclaration } from './CallDeclaration'
import { appCalls } from './calls/appCalls'
import { articleCalls } from './calls/articleCalls'
import { deskCalls } from './calls/deskCalls'
import { exportCalls } from './calls/exportCalls'
import { historyCalls } from './calls/historyCalls'
import { importCalls } from './calls/importCalls'
import { leaseCalls } from './calls/leaseCalls'
import { outboxCalls } from './calls/outboxCalls'
import { pictureCalls } from './calls/pictureCalls'
import { profileCalls } from './calls/profileCalls'
import { settingsCalls } from './calls/settingsCalls'
import { syncCalls } from './calls/syncCalls'
import { workflowCalls } from './calls/workflowCalls'

export * from './calls/appCalls'
export * from './calls/articleCalls'
export * from './calls/deskCalls'
export * from './calls/exportCalls'
export * from './calls/historyCalls'
export * from './calls/importCalls'
export * from './calls/leaseCalls'
export * from './calls/pictureCalls'
export * from './calls/settingsCalls'
export * from './calls/syncCalls'
export * from './calls/workflowCalls'

/** The feature groups, each declaring its calls once (see CallDeclaration). */
export const CALL_GROUPS = {
  articles: articleCalls,
  workflow: workflowCalls,
  history: historyCalls,
  export: exportCalls,
  outbox: outboxCalls,
  settings: settingsCalls,
  import: importCalls,
  profile: profileCalls,
  app: appCalls,
  desk: deskCalls,
  sync: syncCalls,
  lease: leaseCalls,
  pictures: pictureCalls,
}

/**
 * The one API contract: every call, its input, output and error details. Adding a call is one
 * declaration in its group plus its handler in createHandlers.
 */
export const contract = {
  ...articleCalls,
  ...workflowCalls,
  ...historyCalls,
  ...exportCalls,
  ...outboxCalls,
  ...settingsCalls,
  ...importCalls,
  ...profileCalls,
  ...appCalls,
  ...deskCalls,
  ...syncCalls,
  ...leaseCalls,
  ...pictureCalls,
} satisfies Record<string, CallDeclaration>

export type Contract = typeof contract
export type MethodName = keyof Contract

/** What a caller sends (before defaults and trimming). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>
/** What a handler receives: the input after the contract parsed it. */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>
export type OutputOf<M extends MethodName> = z.output<Contract[M]['output']>
/** The error codes whose details the call declares. */
export type ErrorCodeOf<M extends MethodName> = keyof Contract[M]['errors'] & AppErrorCode
export type DetailsOf<M extends MethodName, C extends ErrorCodeOf<M>> = z.output<
  Contract[M]['errors'][C]
>

/** Every method name, in declaration order. */
export const METHOD_NAMES: readonly MethodName[] = Object.keys(contract).filter(isMethodName)

export function isMethodName(value: string): value is MethodName {
  return Object.hasOwn(contract, value)
}
