import { toSerializedError } from '../../shared/ipc/AppError'
import { METHODS, type MethodName } from '../../shared/ipc/methods'
import { readOnlyError, type DataDirAccess } from '../store/DataDirAccess'
import type { Dispatcher } from './createDispatcher'

/**
 * The calls that change nothing in the data folder. Dismissing a problem is one: on a read-only folder
 * the dismissal lasts until the app closes. A call not listed here is a write, so a new call is
 * refused on a read-only folder until someone decides otherwise.
 */
const READS = new Set<MethodName>([
  'listArticles',
  'getArticle',
  'listTrash',
  'listProblems',
  'dismissProblem',
  'appInfo',
  'listAppProblems',
  'listTags',
  'getSettings',
  'proposeImport',
  'getProfile',
  'listRevisions',
  'getRevision',
  'diffRevisions',
  'listNotes',
  'getAudit',
  'getQueue',
  'validateExport',
  'listOutbox',
  'getSecretStatus',
  // Signs in to the CMS with what is saved; records nothing.
  'testConnection',
])

/** On a read-only data folder, every call that would write is refused up front, with the reason. */
export function refuseWrites(dispatch: Dispatcher, access: DataDirAccess): Dispatcher {
  if (!access.readOnly) return dispatch
  const refusal = toSerializedError(readOnlyError(access.reason))
  return async (method, payload) => {
    const known = METHODS.find((name) => name === method)
    if (!known || READS.has(known)) return dispatch(method, payload)
    return { ok: false, error: refusal }
  }
}
