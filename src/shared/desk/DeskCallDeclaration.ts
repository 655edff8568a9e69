import type { z } from 'zod'
import type { DeskErrorCode } from './DeskError'

/**
 * Who may make a call. `signed-in` is any account with a live device token; `desk-chief` also lets
 * a desk admin in; `desk-admin` is account management. Finer rules (four-eyes, the workflow table)
 * are the handler's, on account ids.
 */
export type DeskAccess = 'public' | 'signed-in' | 'desk-chief' | 'desk-admin'

/**
 * One call of the desk API, declared once: its route, who may make it, what it takes, what it
 * answers and the details each of its error codes carries. The server's routes, its input and
 * output parsing and the typed client are all derived from these declarations.
 * A GET call's input comes from the query string (so its schema coerces numbers); a POST's from a
 * JSON body.
 */
export type DeskCallDeclaration = {
  method: 'GET' | 'POST'
  path: `/v1/${string}`
  access: DeskAccess
  input: z.ZodType
  output: z.ZodType
  errors: Partial<Record<DeskErrorCode, z.ZodType>>
  /**
   * A POST body past this many bytes is refused 413 (TOO_LARGE) before it is read in full; the
   * server's own limit applies when it is smaller. Set small on calls anyone may make (sign-in),
   * so a client without an account cannot make the server hold megabytes.
   */
  maxBodyBytes?: number
  /**
   * A picture travels in the body (base64): the server's media body limit applies instead of its
   * ordinary one, which is sized for stories.
   */
  media?: true
  /**
   * A GET that answers a stream instead of one value: newline-delimited JSON, one `output` per line,
   * as long as the server has more to say (a feed a workstation follows). A refusal before the
   * stream starts is the usual error answer; one after it is a last line `{ "error": ... }`
   * (DeskErrorBody). Blank lines are keep-alives.
   */
  stream?: true
  /**
   * The answer may take long (a page of the first sync, a long poll, a push the desk makes to the
   * CMS before it answers): the client waits for it longer than for an ordinary call.
   */
  slow?: true
}

/** A feature's calls, checked against the shape of a declaration but keeping each call's own types. */
export type DeskCallGroup = Record<string, DeskCallDeclaration>
