/// <reference types="vite/client" />
import type { Migration } from './db/migrate'

// Bundled as text at build time, so a built CLI or server carries its schema inside its own code
// and never looks for a migrations folder next to a bundle chunk (import.meta.url moves when Vite
// splits the code). Same names, text and CRLF handling as loadMigrations(), so the same checksums.
const FILES = import.meta.glob<string>('./db/migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** The migrations this server ships, in version order. */
export function shippedMigrations(): Migration[] {
  const migrations: Migration[] = []
  for (const [path, text] of Object.entries(FILES)) {
    const name = path.slice(path.lastIndexOf('/') + 1)
    if (!/^\d{3,}_[\w-]+\.sql$/.test(name)) continue
    const version = Number.parseInt(name, 10)
    if (migrations.some((m) => m.version === version))
      throw new Error(`Two shipped migrations have version ${version}`)
    migrations.push({ version, name, sql: text.replace(/\r\n/g, '\n') })
  }
  return migrations.sort((a, b) => a.version - b.version)
}
