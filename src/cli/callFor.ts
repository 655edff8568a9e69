import {
  formatArticle,
  formatAudit,
  formatExported,
  formatList,
  formatOutbox,
  formatProblems,
  formatProfile,
  formatPush,
  isSent,
} from './formatOutput'

/** One CLI command as a contract call: which method, with what input, and how to print the answer. */
export type Call = {
  method: string
  input: unknown
  format: (value: unknown) => string
  /** An answer that means failure for scripts (validation problems): exit 1. */
  failsWhen?: (value: unknown) => boolean
}

type Values = {
  query?: string | undefined
  headline?: string | undefined
  summary?: string | undefined
  deck?: string | undefined
  name?: string | undefined
  role?: string | undefined
  note?: string | undefined
  format?: string | undefined
  status?: string | undefined
  out?: string | undefined
  target?: string | undefined
  correction?: string | undefined
}

/** The call for `command args`, or undefined when the command or its arguments are not right. */
export function callFor(command: string, args: string[], values: Values): Call | undefined {
  const [first, second] = args
  switch (command) {
    case 'list':
      return {
        method: 'listArticles',
        input: values.query ? { query: values.query } : {},
        format: formatList,
      }
    case 'get':
      return first
        ? { method: 'getArticle', input: { id: first }, format: formatArticle }
        : undefined
    case 'create': {
      if (values.headline === undefined) return undefined
      const fields = { headline: values.headline, summary: values.summary, deck: values.deck }
      const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
      return { method: 'createArticle', input: { fields: defined }, format: formatArticle }
    }
    case 'profile':
      if (first === 'set')
        return {
          method: 'setProfile',
          input: { name: values.name, role: values.role },
          format: formatProfile,
        }
      return first ? undefined : { method: 'getProfile', input: {}, format: formatProfile }
    case 'transition':
      if (!first || !second) return undefined
      return {
        method: 'transition',
        input:
          values.note === undefined
            ? { id: first, action: second }
            : { id: first, action: second, note: values.note },
        format: formatArticle,
      }
    case 'queue':
      return { method: 'getQueue', input: {}, format: formatList }
    case 'export':
      if (!values.out) return undefined
      return {
        method: 'exportArticles',
        input: {
          ...(args.length > 0 ? { ids: args } : { status: values.status ?? 'approved' }),
          format: values.format ?? 'copydesk',
          dir: values.out,
          ...(values.correction === undefined ? {} : { correction: values.correction }),
        },
        format: formatExported,
      }
    case 'validate':
      return first
        ? {
            method: 'validateExport',
            input: { id: first, format: values.format ?? 'copydesk' },
            format: formatProblems,
            failsWhen: (v) => Array.isArray(v) && v.length > 0,
          }
        : undefined
    case 'push':
      if (!first) return undefined
      return {
        method: 'pushArticle',
        input: {
          id: first,
          target: values.target ?? 'webhook',
          ...(values.correction === undefined ? {} : { correction: values.correction }),
        },
        format: formatPush,
        failsWhen: (v) => !isSent(v),
      }
    case 'outbox':
      return { method: 'listOutbox', input: {}, format: formatOutbox }
    case 'history':
      return first ? { method: 'getAudit', input: { id: first }, format: formatAudit } : undefined
    default:
      return undefined
  }
}
