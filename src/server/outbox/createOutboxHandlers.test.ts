import { randomBytes } from 'node:crypto'
import { beforeAll, expect, it } from 'vitest'
import { eachDeskEngine, type DeskDatabase } from '../../../tests/support/eachDeskEngine'
import { movableClock, signedIn } from '../../../tests/support/storyDesk'
import { deskOutboxCalls } from '../../shared/desk/calls/deskOutboxCalls'
import { deskContract } from '../../shared/desk/deskContract'
import type { DeskCallContext } from '../DeskHandlers'
import type { Principal } from '../Principal'
import { StoryService } from '../stories/StoryService'
import { createOutboxHandlers } from './createOutboxHandlers'
import { SecretBox } from './SecretBox'
import { ServerOutbox } from './ServerOutbox'

it('the outbox calls are in the desk contract, each path once, chiefs and admins only', () => {
  for (const [name, call] of Object.entries(deskOutboxCalls)) {
    expect(deskContract).toHaveProperty(name)
    expect(['desk-chief', 'desk-admin']).toContain(call.access)
  }
  const routes = Object.values(deskContract).map((call) => `${call.method} ${call.path}`)
  expect(new Set(routes).size).toBe(routes.length)
  expect(deskOutboxCalls.listOutbox.input.parse({ limit: '20' })).toEqual({ limit: 20 })
  expect(deskOutboxCalls.setCmsTarget.access).toBe('desk-admin')
})

eachDeskEngine('Outbox handlers', (open) => {
  let desk: DeskDatabase
  let admin: Principal
  const clock = movableClock('2026-12-01T14:00:00.000Z')
  const context = (principal: Principal | null): DeskCallContext => ({
    principal,
    requestId: 'r1',
    remoteAddress: '127.0.0.1',
    signal: new AbortController().signal,
  })

  beforeAll(async () => {
    desk = await open()
    admin = await signedIn(desk.db, 'Ada Admin', 'desk-admin')
  })

  it('answer what the contract declares, and never the secret', async () => {
    const outbox = new ServerOutbox(desk.db, new StoryService(desk.db, clock), clock, {
      secrets: SecretBox.fromKey(randomBytes(32)),
    })
    const handlers = createOutboxHandlers(outbox)
    const input = deskOutboxCalls.setCmsTarget.input.parse({
      target: 'wordpress',
      url: 'https://news.example/',
      user: 'desk',
      secret: 'abcd efgh ijkl mnop',
    })
    const set = deskOutboxCalls.setCmsTarget.output.parse(
      await handlers.setCmsTarget(input, context(admin)),
    )
    expect(set.target).toMatchObject({ hasSecret: true, secretOrigin: 'https://news.example' })
    const listed = deskOutboxCalls.listCmsTargets.output.parse(
      await handlers.listCmsTargets({}, context(admin)),
    )
    expect(JSON.stringify([set, listed])).not.toContain('abcd efgh')
    const items = await handlers.listOutbox({ limit: 10 }, context(admin))
    expect(deskOutboxCalls.listOutbox.output.parse(items)).toEqual({ items: [] })
    await expect(handlers.listOutbox({ limit: 10 }, context(null))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    })
  })
})
