import { describe, expect, it } from 'vitest'
import { downloadPicture } from './downloadPicture'

const answer =
  (body: Uint8Array<ArrayBuffer> | string, init: ResponseInit = {}): typeof fetch =>
  async () =>
    new Response(body, init)

describe('downloadPicture', () => {
  it('downloads over https, naming the file after the address', async () => {
    const got = await downloadPicture('https://cdn.example.org/photos/dam%20site.jpg', {
      maxBytes: 100,
      fetch: answer(new Uint8Array([1, 2, 3])),
    })
    expect(got).toEqual({ data: new Uint8Array([1, 2, 3]), name: 'dam site.jpg' })
  })

  it.each([
    ['http://cdn.example.org/a.jpg', /over https only, not http:/],
    ['file:///etc/passwd', /over https only, not file:/],
    ['data:image/png;base64,AAAA', /over https only, not data:/],
    ['https://localhost:8080/a.png', /not downloaded from this machine/],
    ['https://127.0.0.1/a.png', /not downloaded from this machine/],
    ['https://192.168.1.4/a.png', /not downloaded from this machine/],
    ['https://[::1]/a.png', /not downloaded from this machine/],
    ['not an address', /is not a web address/],
  ])('refuses %s before fetching', async (address, message) => {
    const never: typeof fetch = async () => {
      throw new Error('fetched')
    }
    await expect(downloadPicture(address, { maxBytes: 100, fetch: never })).rejects.toThrow(message)
  })

  it('refuses an answer over the limit as it arrives, whatever the server announced', async () => {
    await expect(
      downloadPicture('https://cdn.example.org/big.jpg', {
        maxBytes: 10,
        fetch: answer(new Uint8Array(11)),
      }),
    ).rejects.toThrow(/over the desk's limit of 0.00001 MB/)
  })

  it('follows a redirect to https, and refuses one to http or to this machine before following it', async () => {
    const fetched: string[] = []
    const redirecting =
      (to: string): typeof fetch =>
      async (input) => {
        const address = String(input)
        fetched.push(address)
        if (address.endsWith('/a.jpg'))
          return new Response(null, { status: 302, headers: { Location: to } })
        return new Response(new Uint8Array([9]))
      }
    const got = await downloadPicture('https://cdn.example.org/a.jpg', {
      maxBytes: 10,
      fetch: redirecting('/b.jpg'),
    })
    expect(got.data).toEqual(new Uint8Array([9]))
    expect(fetched).toEqual(['https://cdn.example.org/a.jpg', 'https://cdn.example.org/b.jpg'])
    for (const [to, message] of [
      ['http://cdn.example.org/b.jpg', /over https only, not http:/],
      ['https://127.0.0.1/admin.png', /not downloaded from this machine/],
    ] as const) {
      fetched.length = 0
      await expect(
        downloadPicture('https://cdn.example.org/a.jpg', { maxBytes: 10, fetch: redirecting(to) }),
      ).rejects.toThrow(message)
      expect(fetched).toEqual(['https://cdn.example.org/a.jpg'])
    }
  })

  it('refuses an error status and endless redirects', async () => {
    await expect(
      downloadPicture('https://cdn.example.org/a.jpg', {
        maxBytes: 10,
        fetch: answer('gone', { status: 404 }),
      }),
    ).rejects.toThrow('cdn.example.org answered 404: no picture was downloaded.')
    await expect(
      downloadPicture('https://cdn.example.org/a.jpg', {
        maxBytes: 10,
        fetch: async () => new Response(null, { status: 301, headers: { Location: '/a.jpg' } }),
      }),
    ).rejects.toThrow('cdn.example.org redirected the picture too many times.')
  })

  it('gives up after the timeout, saying so', async () => {
    const slow: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )
    await expect(
      downloadPicture('https://slow.example.org/a.jpg', {
        maxBytes: 10,
        timeoutMs: 50,
        fetch: slow,
      }),
    ).rejects.toThrow('slow.example.org did not send the picture within 0.05 s.')
  })
})
