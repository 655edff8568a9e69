import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  buildCliBundle,
  createFirstAdmin,
  startDeskServerProcess,
  type CliBundle,
  type DeskServerProcess,
} from '../../tests/support/deskServerProcess'
import { postgresTestDatabase } from '../../tests/support/postgresTestDatabase'
import { draftStory, edited } from '../../tests/support/storyDesk'
import { createDeskClient, type DeskClient } from '../shared/desk/createDeskClient'

const postgres = inject('testPostgres')
const PASSWORD = 'scale-out password 1'

function clientOf(server: DeskServerProcess, token: string | null = null): DeskClient {
  return createDeskClient({ baseUrl: server.url, fetch, token: () => token })
}

async function signedIn(server: DeskServerProcess, email: string, device: string) {
  const session = await clientOf(server).signIn({ email, password: PASSWORD, deviceName: device })
  return { client: clientOf(server, session.token), accountId: session.account.id }
}

describe.skipIf(postgres.url === null)(
  `two desk server processes on one PostgreSQL (scale-out)${postgres.skip === null ? '' : ` (skipped: ${postgres.skip})`}`,
  () => {
    let bundle: CliBundle
    let database: Awaited<ReturnType<typeof postgresTestDatabase>>
    const servers: DeskServerProcess[] = []

    beforeAll(async () => {
      bundle = await buildCliBundle()
      database = await postgresTestDatabase(postgres.url ?? '')
      await createFirstAdmin(
        bundle,
        { database: database.url },
        { email: 'admin@scale.example', name: 'Asha Admin', password: PASSWORD },
      )
      // Started together: their migrations queue, both serve the same desk.
      // The feed's periodic re-read an hour away: only the other process's NOTIFY can wake a
      // long poll within the test (bug: a 2 s re-read inside a 25 s wait proved nothing).
      const onlyNotify = { env: { COPYDESK_FEED_REREAD_MS: String(3_600_000) } }
      servers.push(
        ...(await Promise.all([
          startDeskServerProcess(bundle, { database: database.url }, onlyNotify),
          startDeskServerProcess(bundle, { database: database.url }, onlyNotify),
        ])),
      )
    })
    afterAll(async () => {
      await Promise.all(servers.map((server) => server.kill('SIGTERM')))
      await database?.drop()
      await bundle?.remove()
    })

    it('a save through one process reaches a long poll parked on the other, both ways', async () => {
      const [a, b] = servers
      if (!a || !b) throw new Error('two servers')
      expect((await clientOf(a).getDesk({})).deskId).toBe((await clientOf(b).getDesk({})).deskId)
      const admin = await signedIn(a, 'admin@scale.example', 'Admin laptop')
      for (const [email, role] of [
        ['wren@scale.example', 'writer'],
        ['chief@scale.example', 'desk-chief'],
      ] as const)
        await admin.client.createAccount({ email, name: email, role, password: PASSWORD })

      for (const [writerOn, chiefOn] of [
        [a, b],
        [b, a],
      ] as const) {
        const writer = await signedIn(writerOn, 'wren@scale.example', 'Field laptop')
        const chief = await signedIn(chiefOn, 'chief@scale.example', 'Newsroom desktop')
        const { last } = await chief.client.listChanges({ since: 0 })
        let answered = false
        const parked = chief.client.listChanges({ since: last, wait: 25 }).finally(() => {
          answered = true
        })
        // Round trips to the chief's server after the poll was sent: it is waiting, not answered.
        for (let i = 0; i < 3; i += 1) await chief.client.whoAmI({})
        expect(answered).toBe(false)

        const story = edited(draftStory(), `Filed through ${writerOn.url}, read on ${chiefOn.url}`)
        const saved = await writer.client.saveStory({ document: story })
        const page = await parked
        expect(page.changes).toEqual([
          expect.objectContaining({
            seq: last + 1,
            kind: 'story_saved',
            articleId: story.id,
            revision: 1,
            actorId: writer.accountId,
          }),
        ])
        expect(page.next).toBe(last + 1)
        const read = await chief.client.getStory({ id: story.id })
        expect(read.revision).toBe(saved.revision)
        expect(read.document.body).toEqual(story.body)
        expect(read.savedBy.accountId).toBe(writer.accountId)
      }
    })

    it('a save through one process reaches a stream followed on the other, both ways', async () => {
      const [a, b] = servers
      if (!a || !b) throw new Error('two servers')
      for (const [writerOn, chiefOn] of [
        [a, b],
        [b, a],
      ] as const) {
        const writer = await signedIn(writerOn, 'wren@scale.example', 'Field laptop')
        const chief = await signedIn(chiefOn, 'chief@scale.example', 'Newsroom desktop')
        const { last } = await chief.client.listChanges({ since: 0 })
        const seen: number[] = []
        let lines = 0
        const stop = new AbortController()
        const following = chief.client
          .followChanges(
            { since: last },
            {
              signal: stop.signal,
              onEvent: (page) => {
                lines += 1
                seen.push(...page.changes.map((change) => change.seq))
              },
            },
          )
          .catch(() => {})
        // Its first line (nothing new) has come: the save below can only reach it by NOTIFY.
        while (lines === 0) await new Promise((resolve) => setTimeout(resolve, 10))
        const story = draftStory()
        await writer.client.saveStory({ document: story })
        while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
        expect(seen).toEqual([last + 1])
        stop.abort()
        await following
      }
    })
  },
)
