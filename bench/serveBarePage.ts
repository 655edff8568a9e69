import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize } from 'node:path'

export const BARE_PAGE = join('out', 'bench', 'bare-prosemirror')

/** Serves the built bare-ProseMirror page, with the article as text.json (paragraphs) and doc.json. */
export function serveBarePage(textJson: string, docJson: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' }
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    if (path === '/text.json' || path === '/doc.json') {
      response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(path === '/text.json' ? textJson : docJson)
      return
    }
    const file = normalize(join(BARE_PAGE, path))
    if (!file.startsWith(BARE_PAGE)) {
      response.writeHead(404).end()
      return
    }
    readFile(file).then(
      (content) =>
        response
          .writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' })
          .end(content),
      () => response.writeHead(404).end(),
    )
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

export function portOf(server: Server): number {
  const address = server.address()
  return typeof address === 'object' && address ? address.port : 0
}
