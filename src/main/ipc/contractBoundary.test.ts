import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CALL_GROUPS, contract, METHOD_NAMES } from '../../shared/ipc/contract'
import { CallError, createClient, detailsOf } from '../../shared/ipc/createClient'
import { openWorkstation, type Workstation } from '../openWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import { createDispatcher } from './createDispatcher'
import { refuseWrites } from './refuseWrites'

let dir: Awaited<ReturnType<typeof tempDir>>
let ws: Workstation

beforeEach(async () => {
  dir = await tempDir()
  ws = await openWorkstation({ dataDir: dir.path, host: 'web', version: 'test' })
})
afterEach(async () => {
  await ws.close()
  await dir.cleanup()
})

const badProblem = {
  id: 'p1',
  file: 'articles/x.json',
  quarantinedAs: 'quarantine/x.json',
  reason: 'Not JSON',
  at: 'yesterday',
  kind: 'set-aside' as const,
}

describe('the contract at the boundary', () => {
  it('declares each call once, in exactly one feature group', () => {
    const grouped = Object.values(CALL_GROUPS).flatMap((group) => Object.keys(group))
    expect(new Set(grouped).size).toBe(grouped.length)
    expect([...grouped].sort()).toEqual([...METHOD_NAMES].sort())
  })

  it('fails a service that answers with the wrong shape, naming the call (outputs are parsed in tests)', async () => {
    const dispatch = createDispatcher({ ...ws.handlers, listProblems: async () => [badProblem] })
    const answer = await dispatch('listProblems', {})
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(answer.ok ? '' : answer.error.message).toMatch(/^listProblems answered .*0\.at/)
  })

  it('passes answers through unparsed when output checks are off (production)', async () => {
    const dispatch = createDispatcher(
      { ...ws.handlers, listProblems: async () => [badProblem] },
      { checkOutputs: false },
    )
    expect(await dispatch('listProblems', {})).toEqual({ ok: true, value: [badProblem] })
  })

  it('refuses on a read-only folder exactly the calls the contract declares as writes', async () => {
    const reached: string[] = []
    const dispatch = refuseWrites(
      async (method) => {
        reached.push(method)
        return { ok: true, value: null }
      },
      { readOnly: true, reason: 'The disk is read-only.' },
    )
    for (const method of METHOD_NAMES) await dispatch(method, {})
    expect(reached).toEqual(METHOD_NAMES.filter((method) => !contract[method].writes))
    expect(reached).toContain('listArticles')
    expect(reached).not.toContain('saveArticle')
  })

  it('gives the caller typed error details: a conflicting save carries the stored article', async () => {
    const client = createClient(ws.dispatch)
    const created = await client.createArticle({ fields: { headline: 'First' } })
    await client.saveArticle({ id: created.id, baseRevision: 1, changes: { headline: 'Second' } })
    const refused = await client
      .saveArticle({ id: created.id, baseRevision: 1, changes: { headline: 'Third' } })
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(CallError)
    expect(detailsOf(refused, 'saveArticle', 'CONFLICT')?.current).toMatchObject({
      headline: 'Second',
      revision: 2,
    })
    // Another call's or another code's details are not read as these.
    expect(detailsOf(refused, 'restoreRevision', 'LOCKED')).toBeUndefined()
    expect(detailsOf(refused, 'saveArticle', 'LOCKED')).toBeUndefined()
  })
})
