import { describe, expect, it } from 'vitest'
import { LaunchCodes } from './LaunchCodes'

function clock(start = 1_000_000) {
  let now = start
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) }
}

describe('LaunchCodes', () => {
  it('opens one session per code: the first exchange works, every later one is refused as used', () => {
    const time = clock()
    const codes = new LaunchCodes(time)
    let used = 0
    const { code, expiresAt } = codes.issue(60_000, () => (used += 1))
    expect(code.length).toBeGreaterThanOrEqual(32)
    expect(expiresAt).toBe(time.now().getTime() + 60_000)
    expect(codes.redeem(code)).toEqual({ ok: true })
    expect(codes.redeem(code)).toMatchObject({ ok: false, reason: 'used' })
    expect(codes.redeem(code)).toMatchObject({
      message: expect.stringMatching(/^This link was already used/),
    })
    expect(used).toBe(1)
  })

  it('refuses a code after its time, and for good', () => {
    const time = clock()
    const codes = new LaunchCodes(time)
    const { code } = codes.issue(1_000)
    time.advance(1_000)
    expect(codes.redeem(code)).toMatchObject({ ok: false, reason: 'expired' })
    time.advance(-500)
    expect(codes.redeem(code)).toMatchObject({ ok: false, reason: 'used' })
  })

  it('refuses a code it never issued, and keeps codes apart', () => {
    const codes = new LaunchCodes()
    const a = codes.issue(60_000)
    const b = codes.issue(60_000)
    expect(a.code).not.toBe(b.code)
    expect(codes.redeem('not-a-code')).toMatchObject({
      ok: false,
      reason: 'unknown',
      message: expect.stringMatching(/does not open this Copydesk/),
    })
    expect(codes.redeem(b.code)).toEqual({ ok: true })
    expect(codes.redeem(a.code)).toEqual({ ok: true })
  })

  it('still names a used code as used hours later, and forgets it after a day', () => {
    const time = clock()
    const codes = new LaunchCodes(time)
    const { code } = codes.issue(60_000)
    codes.redeem(code)
    time.advance(6 * 60 * 60 * 1000)
    codes.issue(60_000)
    expect(codes.redeem(code)).toMatchObject({ reason: 'used' })
    time.advance(25 * 60 * 60 * 1000)
    codes.issue(60_000)
    expect(codes.redeem(code)).toMatchObject({ reason: 'unknown' })
  })
})
