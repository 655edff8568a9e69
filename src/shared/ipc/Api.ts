import type { Envelope } from './AppError'
import type { InputOf, OutputOf } from './contract'
import type { MethodName } from './methods'

/** What the preload exposes as window.api (and the browser host mimics): envelopes, never throws. */
export type RawApi = { [M in MethodName]: (input: InputOf<M>) => Promise<Envelope<OutputOf<M>>> }

/** What renderer code calls: resolves with the value or rejects with an AppError. */
export type Api = { [M in MethodName]: (input: InputOf<M>) => Promise<OutputOf<M>> }
