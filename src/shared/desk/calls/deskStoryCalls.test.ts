import { describe, expect, it } from 'vitest'
import { deskStoryCalls } from './deskStoryCalls'

const ID = '0b0c1d2e-3f40-4a51-8b62-7c8d9e0f1a2b'

describe('deskStoryCalls', () => {
  it('gives every call its own route under /v1/stories', () => {
    const routes = Object.values(deskStoryCalls).map((call) => `${call.method} ${call.path}`)
    expect(new Set(routes).size).toBe(routes.length)
    for (const route of routes) expect(route).toMatch(/^(GET|POST) \/v1\/stories/)
  })

  it('reads GET inputs from query strings, where every value is text', () => {
    expect(deskStoryCalls.getRevision.input.parse({ id: ID, number: '3' })).toEqual({
      id: ID,
      number: 3,
    })
    expect(deskStoryCalls.listStories.input.parse({ after: ID, limit: '500' })).toEqual({
      after: ID,
      limit: 500,
    })
    expect(deskStoryCalls.listStories.input.parse({})).toEqual({ limit: 100 })
    expect(deskStoryCalls.listStories.input.safeParse({ limit: '501' }).success).toBe(false)
    expect(deskStoryCalls.getRevision.input.safeParse({ id: ID, number: '0' }).success).toBe(false)
    expect(deskStoryCalls.getStory.input.safeParse({ id: "x' or 1=1--" }).success).toBe(false)
  })

  it('wants a note on a take-over, and the revision a transition acts on', () => {
    expect(deskStoryCalls.takeOverLease.input.safeParse({ id: ID, note: ' \n ' }).success).toBe(
      false,
    )
    expect(deskStoryCalls.transition.input.safeParse({ id: ID, action: 'approve' }).success).toBe(
      false,
    )
  })
})
