import { toSerializedError } from '../../shared/ipc/AppError'
import { contract, isMethodName } from '../../shared/ipc/contract'
import { readOnlyError, type DataDirAccess } from '../store/DataDirAccess'
import type { Dispatcher } from './createDispatcher'

/**
 * On a read-only data folder, every call the contract declares as a write is refused up front, with
 * the reason. Unknown calls pass through, so the dispatcher names them.
 */
export function refuseWrites(dispatch: Dispatcher, access: DataDirAccess): Dispatcher {
  if (!access.readOnly) return dispatch
  const refusal = toSerializedError(readOnlyError(access.reason))
  return async (method, payload) => {
    if (!isMethodName(method) || !contract[method].writes) return dispatch(method, payload)
    return { ok: false, error: refusal }
  }
}
