import type { z } from 'zod'
import { AppError, toSerializedError, type Envelope } from '../../shared/ipc/AppError'
import { contract, type OutputOf } from '../../shared/ipc/contract'
import { METHODS, type MethodName } from '../../shared/ipc/methods'

/** The service call behind each method, given input already parsed by the contract's schema. */
export type Handlers = {
  [M in MethodName]: (input: z.output<(typeof contract)[M]['input']>) => Promise<OutputOf<M>>
}

/** Turns an untrusted (method, payload) pair into a validated service call and an envelope. */
export type Dispatcher = (method: string, payload: unknown) => Promise<Envelope<unknown>>

type Route = (payload: unknown) => Promise<unknown>

export function createDispatcher(handlers: Handlers): Dispatcher {
  const routes: Record<MethodName, Route> = {
    listArticles: bind('listArticles', contract.listArticles.input, handlers.listArticles),
    getArticle: bind('getArticle', contract.getArticle.input, handlers.getArticle),
    createArticle: bind('createArticle', contract.createArticle.input, handlers.createArticle),
    saveArticle: bind('saveArticle', contract.saveArticle.input, handlers.saveArticle),
    trashArticle: bind('trashArticle', contract.trashArticle.input, handlers.trashArticle),
    restoreArticle: bind('restoreArticle', contract.restoreArticle.input, handlers.restoreArticle),
    listTrash: bind('listTrash', contract.listTrash.input, handlers.listTrash),
    listProblems: bind('listProblems', contract.listProblems.input, handlers.listProblems),
    dismissProblem: bind('dismissProblem', contract.dismissProblem.input, handlers.dismissProblem),
    appInfo: bind('appInfo', contract.appInfo.input, handlers.appInfo),
    listAppProblems: bind(
      'listAppProblems',
      contract.listAppProblems.input,
      handlers.listAppProblems,
    ),
    listTags: bind('listTags', contract.listTags.input, handlers.listTags),
    getSettings: bind('getSettings', contract.getSettings.input, handlers.getSettings),
    saveSettings: bind('saveSettings', contract.saveSettings.input, handlers.saveSettings),
    proposeImport: bind('proposeImport', contract.proposeImport.input, handlers.proposeImport),
    getProfile: bind('getProfile', contract.getProfile.input, handlers.getProfile),
    setProfile: bind('setProfile', contract.setProfile.input, handlers.setProfile),
    transition: bind('transition', contract.transition.input, handlers.transition),
    saveVersion: bind('saveVersion', contract.saveVersion.input, handlers.saveVersion),
    listRevisions: bind('listRevisions', contract.listRevisions.input, handlers.listRevisions),
    getRevision: bind('getRevision', contract.getRevision.input, handlers.getRevision),
    diffRevisions: bind('diffRevisions', contract.diffRevisions.input, handlers.diffRevisions),
    restoreRevision: bind(
      'restoreRevision',
      contract.restoreRevision.input,
      handlers.restoreRevision,
    ),
    addNote: bind('addNote', contract.addNote.input, handlers.addNote),
    listNotes: bind('listNotes', contract.listNotes.input, handlers.listNotes),
    getAudit: bind('getAudit', contract.getAudit.input, handlers.getAudit),
    getQueue: bind('getQueue', contract.getQueue.input, handlers.getQueue),
    validateExport: bind('validateExport', contract.validateExport.input, handlers.validateExport),
    exportArticles: bind('exportArticles', contract.exportArticles.input, handlers.exportArticles),
    pushArticle: bind('pushArticle', contract.pushArticle.input, handlers.pushArticle),
    listOutbox: bind('listOutbox', contract.listOutbox.input, handlers.listOutbox),
    retryPush: bind('retryPush', contract.retryPush.input, handlers.retryPush),
    setSecret: bind('setSecret', contract.setSecret.input, handlers.setSecret),
    getSecretStatus: bind(
      'getSecretStatus',
      contract.getSecretStatus.input,
      handlers.getSecretStatus,
    ),
    checkPush: bind('checkPush', contract.checkPush.input, handlers.checkPush),
    setCorrectionNote: bind(
      'setCorrectionNote',
      contract.setCorrectionNote.input,
      handlers.setCorrectionNote,
    ),
    testConnection: bind('testConnection', contract.testConnection.input, handlers.testConnection),
    recordAgencyKill: bind(
      'recordAgencyKill',
      contract.recordAgencyKill.input,
      handlers.recordAgencyKill,
    ),
    acknowledgeAgencyKill: bind(
      'acknowledgeAgencyKill',
      contract.acknowledgeAgencyKill.input,
      handlers.acknowledgeAgencyKill,
    ),
  }
  return async (method, payload) => {
    try {
      if (!isMethod(method))
        throw new AppError('INVALID_INPUT', `Unknown call "${String(method).slice(0, 60)}".`)
      return { ok: true, value: await routes[method](payload) }
    } catch (error) {
      return { ok: false, error: toSerializedError(error) }
    }
  }
}

function bind<I, O>(
  method: string,
  schema: z.ZodType<I>,
  handler: (input: I) => Promise<O>,
): Route {
  return (payload) => {
    const parsed = schema.safeParse(payload)
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`,
      )
      throw new AppError(
        'INVALID_INPUT',
        `Invalid ${method} request: ${issues.slice(0, 5).join('; ')}`,
        { issues },
      )
    }
    return handler(parsed.data)
  }
}

function isMethod(value: string): value is MethodName {
  return METHODS.some((method) => method === value)
}
