import { parseInput } from '../shared/ipc/parseInput'
import type { CliCommand } from './CliCommand'
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
import { showCall } from './showCall'

/**
 * The commands that are one contract call each. What the command line gives is checked against the
 * call's own input schema (a wrong value is one line, exit 1), then sent through the typed client.
 */
export const DESK_COMMANDS: CliCommand[] = [
  {
    name: 'list',
    help: [{ synopsis: 'list [--query TEXT]', summary: ['articles on the desk, newest first'] }],
    run: (c) =>
      showCall(
        c,
        (client) => client.listArticles(c.values.query ? { query: c.values.query } : {}),
        formatList,
      ),
  },
  {
    name: 'get',
    help: [{ synopsis: 'get ID', summary: ['one article'] }],
    run: (c) => {
      const [id] = c.args
      if (!id) return undefined
      return showCall(
        c,
        (client) => client.getArticle(parseInput('getArticle', { id })),
        formatArticle,
      )
    },
  },
  {
    name: 'create',
    help: [
      {
        synopsis: 'create --headline TEXT [--summary TEXT] [--deck TEXT]',
        summary: ['a new draft'],
      },
    ],
    run: (c) => {
      const { headline, summary, deck } = c.values
      if (headline === undefined) return undefined
      const fields = Object.fromEntries(
        Object.entries({ headline, summary, deck }).filter(([, value]) => value !== undefined),
      )
      return showCall(
        c,
        (client) => client.createArticle(parseInput('createArticle', { fields })),
        formatArticle,
      )
    },
  },
  {
    name: 'profile',
    help: [
      { synopsis: 'profile', summary: ['who is at this workstation'] },
      { synopsis: 'profile set --name NAME --role writer|desk-chief', summary: [] },
    ],
    run: (c) => {
      const [verb] = c.args
      if (verb === 'set') {
        const input = { name: c.values.name, role: c.values.role }
        return showCall(
          c,
          (client) => client.setProfile(parseInput('setProfile', input)),
          formatProfile,
        )
      }
      if (verb) return undefined
      return showCall(c, (client) => client.getProfile({}), formatProfile)
    },
  },
  {
    name: 'transition',
    help: [
      {
        synopsis: 'transition ID ACTION [--note TEXT]',
        summary: [
          'submit, approve, request_changes, reopen, publish,',
          'publish_correction, kill, spike, unspike (as the profile)',
        ],
      },
    ],
    run: (c) => {
      const [id, action] = c.args
      if (!id || !action) return undefined
      const { note } = c.values
      const raw = note === undefined ? { id, action } : { id, action, note }
      return showCall(
        c,
        (client) => client.transition(parseInput('transition', raw)),
        formatArticle,
      )
    },
  },
  {
    name: 'queue',
    help: [{ synopsis: 'queue', summary: ['submitted stories, longest waiting first'] }],
    run: (c) => showCall(c, (client) => client.getQueue({}), formatList),
  },
  {
    name: 'history',
    help: [{ synopsis: 'history ID', summary: ['the audit trail of one article'] }],
    run: (c) => {
      const [id] = c.args
      if (!id) return undefined
      return showCall(c, (client) => client.getAudit(parseInput('getAudit', { id })), formatAudit)
    },
  },
  {
    name: 'export',
    help: [
      {
        synopsis:
          'export [ID...] --out DIR [--format copydesk|ninjs] [--status approved] [--correction TEXT]',
        summary: [
          'write export files (default: every approved story); a story',
          'published before needs a correction note for readers',
        ],
      },
    ],
    run: (c) => {
      const { out, format, status, correction } = c.values
      if (!out) return undefined
      const raw = {
        ...(c.args.length > 0 ? { ids: c.args } : { status: status ?? 'approved' }),
        format: format ?? 'copydesk',
        dir: out,
        ...(correction === undefined ? {} : { correction }),
      }
      return showCall(
        c,
        (client) => client.exportArticles(parseInput('exportArticles', raw)),
        formatExported,
      )
    },
  },
  {
    name: 'validate',
    help: [
      {
        synopsis: 'validate ID [--format copydesk|ninjs]',
        summary: ['check an article against the export schema'],
      },
    ],
    run: (c) => {
      const [id] = c.args
      if (!id) return undefined
      const raw = { id, format: c.values.format ?? 'copydesk' }
      return showCall(
        c,
        (client) => client.validateExport(parseInput('validateExport', raw)),
        formatProblems,
        (problems) => problems.length > 0,
      )
    },
  },
  {
    name: 'push',
    help: [
      {
        synopsis: 'push ID [--target webhook|wordpress] [--correction TEXT]',
        summary: [
          'send an approved story to the CMS through the outbox; a story',
          'published before needs a correction note for readers',
        ],
      },
    ],
    run: (c) => {
      const [id] = c.args
      if (!id) return undefined
      const { target, correction } = c.values
      const raw = {
        id,
        target: target ?? 'webhook',
        ...(correction === undefined ? {} : { correction }),
      }
      return showCall(
        c,
        (client) => client.pushArticle(parseInput('pushArticle', raw)),
        formatPush,
        (outcome) => !isSent(outcome),
      )
    },
  },
  {
    name: 'outbox',
    help: [{ synopsis: 'outbox', summary: ['pushes and their state'] }],
    run: (c) => showCall(c, (client) => client.listOutbox({}), formatOutbox),
  },
]
