import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/**
 * The bench and the crash loop's writer: built apart from the app (`electron-vite build` ships
 * out/main, out/preload and out/renderer only), so no bench or test code is in what users install.
 * Packages stay external and load from node_modules, as they do for the app's main process.
 */
export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'out/tools',
    emptyOutDir: true,
    minify: false,
    rolldownOptions: {
      input: {
        bench: resolve(import.meta.dirname, 'bench/bench.ts'),
        // The desk bench's workstation processes (bench/deskWorkstationGroup.ts forks them).
        deskWorkstations: resolve(import.meta.dirname, 'bench/deskWorkstations.ts'),
        crashWriter: resolve(import.meta.dirname, 'tests/support/crashWriter.ts'),
        // The sync crash loop's workstation (scripts/sync-crash-loop.js).
        syncCrashWorkstation: resolve(import.meta.dirname, 'tests/support/syncCrashWorkstation.ts'),
        // The store's search worker, for the bench's store (the app's is built into out/main).
        searchWorker: resolve(import.meta.dirname, 'src/main/store/searchWorkerMain.ts'),
      },
      output: {
        format: 'esm',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
  logLevel: 'warn',
})
