import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeskClient } from './createDeskClient'

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve(
        `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`,
      )
    }),
  )
}

describe('the desk client and redirects', () => {
  const reached: string[] = []
  const elsewhere = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      reached.push(`${req.method} ${req.url} ${body}`)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  let elsewhereUrl = ''
  const desk = createServer((req, res) => {
    res.writeHead(307, { location: `${elsewhereUrl}${req.url}` }).end()
  })
  let deskUrl = ''
  beforeAll(async () => {
    elsewhereUrl = await listen(elsewhere)
    deskUrl = await listen(desk)
  })
  afterAll(() => {
    desk.close()
    elsewhere.close()
  })

  it('never follows one, so a password cannot be sent where the desk address does not say (bug: a 307 re-sent the sign-in elsewhere)', async () => {
    const client = createDeskClient({ baseUrl: deskUrl, fetch, token: () => null })
    const refused = await client
      .signIn({ email: 'asha@desk.example', password: 'hunter2 hunter2', deviceName: 'Laptop' })
      .catch((error: unknown) => error)
    expect(refused).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining(
        `answered signIn with a redirect (HTTP 307 to ${elsewhereUrl}/v1/`,
      ),
    })
    expect(reached).toEqual([])
  })
})
