import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'vite'

/**
 * Bundles the picture worker (src/main/media/pictureWorkerMain.ts) as electron-vite builds
 * out/main/pictureWorker.js, and gives its path: a worker thread runs JavaScript, not the TypeScript
 * Vitest runs. sharp (native) and exifr stay packages, as in the app, so the bundle goes in a folder
 * under node_modules/.cache, from where they resolve.
 */
export async function buildPictureWorker(name: string): Promise<string> {
  const dir = join(import.meta.dirname, '../../node_modules/.cache/copydesk-tests', name)
  await mkdir(dir, { recursive: true })
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: 'src/main/media/pictureWorkerMain.ts',
      outDir: dir,
      emptyOutDir: true,
      rolldownOptions: { output: { format: 'esm', entryFileNames: 'pictureWorker.mjs' } },
    },
  })
  return join(dir, 'pictureWorker.mjs')
}
