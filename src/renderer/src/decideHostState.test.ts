import { describe, expect, it } from 'vitest'
import { decideFromRun, decideHostState, decideLaunch, type HostState } from './decideHostState'

const HOST = '127.0.0.1:5199'
const connecting: HostState = { kind: 'connecting' }
const ready: HostState = { kind: 'ready' }

describe('decideHostState: a check of the token this tab holds', () => {
  it('lets a tab in when its token works', () => {
    expect(decideHostState(connecting, { kind: 'ok', runId: 'r1' }, null, HOST)).toEqual(ready)
  })

  it('tells a restart from a token this host never gave', () => {
    expect(decideHostState(ready, { kind: 'refused', runId: 'r2' }, 'r1', HOST)).toEqual({
      kind: 'restarted',
    })
    // A token from the printed link of an earlier run: the tab never knew a run.
    expect(decideHostState(connecting, { kind: 'refused', runId: 'r2' }, null, HOST)).toEqual({
      kind: 'wrong-token',
    })
    expect(decideHostState(connecting, { kind: 'refused', runId: null }, 'r1', HOST)).toEqual({
      kind: 'wrong-token',
    })
  })

  it('says the host is unreachable when the tab is not in yet', () => {
    expect(
      decideHostState(connecting, { kind: 'unreachable', reason: 'Failed to fetch' }, null, HOST),
    ).toEqual({
      kind: 'unreachable',
      message:
        "Could not reach Copydesk's host at 127.0.0.1:5199 (Failed to fetch): is it still running?",
    })
  })

  // A tab that is in keeps its screen (and the editor its unsaved typing) when a background check
  // finds the host gone, and says so; an answer from the same run clears it.
  it('keeps a tab that is in on screen when the host stops answering, and says so', () => {
    const down = decideHostState(
      ready,
      { kind: 'unreachable', reason: 'Failed to fetch' },
      'r1',
      HOST,
    )
    expect(down).toEqual({
      kind: 'ready',
      hostDown:
        "Could not reach Copydesk's host at 127.0.0.1:5199 (Failed to fetch): is it still running?",
    })
    expect(decideHostState(down, { kind: 'ok', runId: 'r1' }, 'r1', HOST)).toEqual(ready)
    expect(decideHostState(down, { kind: 'refused', runId: 'r2' }, 'r1', HOST)).toEqual({
      kind: 'restarted',
    })
  })
})

describe('decideLaunch: a launch code', () => {
  it('lets the tab in with a fresh code', () => {
    expect(decideLaunch({ kind: 'session', runId: 'r1' }, null, HOST)).toEqual(ready)
  })

  it('shows the host’s words for a refused link, unless the tab is in already', () => {
    const refused = { kind: 'refused', message: 'This link was already used.' } as const
    expect(decideLaunch(refused, null, HOST)).toEqual({
      kind: 'link-refused',
      message: 'This link was already used.',
    })
    expect(decideLaunch(refused, { kind: 'wrong-token' }, HOST)).toMatchObject({
      kind: 'link-refused',
    })
    expect(decideLaunch(refused, ready, HOST)).toEqual(ready)
  })

  it('says the host is unreachable', () => {
    expect(
      decideLaunch({ kind: 'unreachable', reason: 'Failed to fetch' }, null, HOST),
    ).toMatchObject({
      kind: 'unreachable',
    })
  })
})

describe('decideFromRun: the run named by an ordinary answer', () => {
  it('means a restart when it is another run than the one the tab signed in to', () => {
    expect(decideFromRun(ready, 'r2', 'r1')).toEqual({ kind: 'restarted' })
    expect(decideFromRun(ready, 'r1', 'r1')).toBe(ready)
    expect(decideFromRun({ kind: 'no-token' }, 'r2', 'r1')).toEqual({ kind: 'no-token' })
    expect(decideFromRun({ kind: 'ready', hostDown: 'x' }, 'r1', 'r1')).toEqual(ready)
  })
})
