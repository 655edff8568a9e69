import type { z } from 'zod'
import type { DeskCallDeclaration } from './DeskCallDeclaration'
import { deskAccountCalls } from './calls/deskAccountCalls'
import { deskFeedCalls } from './calls/deskFeedCalls'
import { deskMediaCalls } from './calls/deskMediaCalls'
import { deskOutboxCalls } from './calls/deskOutboxCalls'
import { deskStoryCalls } from './calls/deskStoryCalls'

/** The desk API: every call a workstation (or the CLI) makes to a desk server, declared once. */
export const deskContract = {
  ...deskAccountCalls,
  ...deskStoryCalls,
  ...deskFeedCalls,
  ...deskOutboxCalls,
  ...deskMediaCalls,
} satisfies Record<string, DeskCallDeclaration>

export type DeskContract = typeof deskContract
export type DeskCallName = keyof DeskContract

/** What a caller sends (before defaults and coercion). */
export type DeskInputOf<N extends DeskCallName> = z.input<DeskContract[N]['input']>
/** What a handler receives: the input after the contract parsed it. */
export type DeskParsedInputOf<N extends DeskCallName> = z.output<DeskContract[N]['input']>
export type DeskOutputOf<N extends DeskCallName> = z.output<DeskContract[N]['output']>

/** Every call name, in declaration order. */
export const DESK_CALL_NAMES: readonly DeskCallName[] =
  Object.keys(deskContract).filter(isDeskCallName)

export function isDeskCallName(value: string): value is DeskCallName {
  return Object.hasOwn(deskContract, value)
}
