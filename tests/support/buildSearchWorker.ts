import { join } from 'node:path'
import { build } from 'vite'

/**
 * Bundles the store's search worker (src/main/store/searchWorkerMain.ts) for plain node into
 * `dir`, as electron-vite builds out/main/searchWorker.js, and gives its path: a worker thread
 * runs JavaScript, not the TypeScript Vitest runs.
 */
export async function buildSearchWorker(dir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: 'src/main/store/searchWorkerMain.ts',
      outDir: dir,
      rolldownOptions: { output: { format: 'esm', entryFileNames: 'searchWorker.mjs' } },
    },
    ssr: { noExternal: true },
  })
  return join(dir, 'searchWorker.mjs')
}
