/**
 * Names of every call in the contract. Kept free of zod so the sandboxed preload bundle stays tiny;
 * contract.ts checks at compile time that it lists exactly the contract's keys.
 */
export const METHODS = [
  'listArticles',
  'getArticle',
  'createArticle',
  'saveArticle',
  'trashArticle',
  'restoreArticle',
  'listTrash',
  'listProblems',
  'dismissProblem',
  'appInfo',
  'listAppProblems',
  'listTags',
  'getSettings',
  'saveSettings',
  'proposeImport',
  'getProfile',
  'setProfile',
  'transition',
  'saveVersion',
  'listRevisions',
  'getRevision',
  'diffRevisions',
  'restoreRevision',
  'addNote',
  'listNotes',
  'getAudit',
  'getQueue',
  'validateExport',
  'exportArticles',
  'pushArticle',
  'listOutbox',
  'retryPush',
  'setSecret',
  'getSecretStatus',
  'checkPush',
  'setCorrectionNote',
  'testConnection',
  'recordAgencyKill',
  'acknowledgeAgencyKill',
] as const

export type MethodName = (typeof METHODS)[number]

/** The IPC channel a method travels on. */
export function channelOf(method: MethodName): string {
  return `copydesk:${method}`
}

/** Commands the native menu sends to the focused window. */
export const MENU_COMMANDS = ['new', 'import', 'save', 'close', 'settings'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]
export const MENU_CHANNEL = 'copydesk:menu'
