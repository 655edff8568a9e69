import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import { BlockList } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkstation } from '../openWorkstation'
import { tempDir } from '../../../tests/support/tempDir'
import { downloadPicture } from './downloadPicture'

const fixtures = join(import.meta.dirname, '../../../tests/fixtures/media')
let dir: Awaited<ReturnType<typeof tempDir>>
let server: Server
let base = ''
let cert = ''
let photo: Buffer

/** A picture server of our own on this machine, with a certificate made for the test. */
beforeAll(async () => {
  dir = await tempDir()
  const key = join(dir.path, 'key.pem')
  const crt = join(dir.path, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      crt,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  )
  cert = await readFile(crt, 'utf8')
  photo = await readFile(join(fixtures, 'tagged.jpg'))
  server = createServer({ key: await readFile(key), cert }, (req, res) => {
    if (req.url === '/photo.jpg') return res.end(photo)
    if (req.url === '/moved') return res.writeHead(302, { location: '/photo.jpg' }).end()
    if (req.url === '/to-http')
      return res.writeHead(302, { location: 'http://example.com/photo.jpg' }).end()
    if (req.url === '/slow') return // never answers
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  base = `https://localhost:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await dir.cleanup()
})

const open = { maxBytes: 1_000_000, timeoutMs: 5000, blocked: new BlockList() }

describe('downloading a picture (issue 16)', () => {
  it.each([
    ['http://example.com/a.jpg', 'over https only: “http://example.com/a.jpg” is http'],
    ['data:image/png;base64,iVBORw0KGgo=', 'is data'],
    ['file:///etc/passwd', 'is file'],
    ['https://127.0.0.1/a.jpg', '127.0.0.1 is an address on this machine or the local network'],
    ['https://[::1]/a.jpg', 'is an address on this machine or the local network (::1)'],
    ['https://192.168.1.20/a.jpg', 'local network (192.168.1.20)'],
    ['https://169.254.169.254/latest', 'local network (169.254.169.254)'],
    ['https://localhost/a.jpg', 'localhost is an address on this machine'],
  ])('refuses %s', async (href, message) => {
    await expect(downloadPicture(href, { maxBytes: 1000, timeoutMs: 2000 })).rejects.toThrow(
      message,
    )
  })

  it('downloads from an https server, following a redirect', async () => {
    const data = await downloadPicture(`${base}/moved`, { ...open, ca: cert })
    expect(Buffer.from(data).equals(photo)).toBe(true)
  })

  it('refuses a redirect to http, an answer over the limit, an error status, and a server that never answers', async () => {
    await expect(downloadPicture(`${base}/to-http`, { ...open, ca: cert })).rejects.toThrow(
      'over https only',
    )
    await expect(
      downloadPicture(`${base}/photo.jpg`, { ...open, ca: cert, maxBytes: 100 }),
    ).rejects.toThrow("larger than the desk's limit")
    await expect(downloadPicture(`${base}/none.jpg`, { ...open, ca: cert })).rejects.toThrow(
      'the server answered 404',
    )
    await expect(
      downloadPicture(`${base}/slow`, { ...open, ca: cert, timeoutMs: 300 }),
    ).rejects.toThrow('did not arrive within 0.3 s')
  })

  it('a certificate the machine does not trust is refused', async () => {
    await expect(downloadPicture(`${base}/photo.jpg`, open)).rejects.toThrow(/certificate/)
  })

  it('fetchPicture downloads the agency picture a story carries and makes it the lead picture with the agency words', async () => {
    const ws = await openWorkstation({
      dataDir: join(dir.path, 'data'),
      host: 'cli',
      version: 'test',
      pictureDownload: { blocked: new BlockList(), ca: cert },
    })
    try {
      const story = await ws.client.createArticle({
        fields: {
          headline: 'Stor försvarsövning',
          feedItem: {
            uri: 'http://tt.se/media/text/1',
            pictures: [
              {
                name: 'a001',
                href: `${base}/photo.jpg`,
                caption: 'Soldater under en tidigare övning.',
                credit: 'Karin Fotograf/TT',
                creator: '',
                copyright: '',
                altText: '',
              },
            ],
          },
        },
      })
      const { article, picture } = await ws.client.fetchPicture({ id: story.id, as: 'lead' })
      expect(article.leadPicture).toMatchObject({
        mediaId: picture.id,
        caption: 'Soldater under en tidigare övning.',
        credit: 'Karin Fotograf/TT',
      })
      // The feed left the copyright empty: the photo's own IPTC fills it.
      expect(article.leadPicture?.copyright).toBe(picture.metadata.copyright)
      expect(await ws.media.has(picture.id)).toBe(true)
      await expect(
        ws.client.fetchPicture({ id: story.id, as: 'lead', href: 'http://example.com/a.jpg' }),
      ).rejects.toThrow('over https only')
    } finally {
      await ws.close()
    }
  })
})
