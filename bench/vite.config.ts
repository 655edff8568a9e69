import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/** Builds the typing bench's bare ProseMirror page; `npm run bench` serves it beside the app. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'bare-prosemirror'),
  base: './',
  // Readable names in the CPU profiles that --profile-typing writes.
  build: {
    minify: false,
    outDir: resolve(import.meta.dirname, '../out/bench/bare-prosemirror'),
    emptyOutDir: true,
  },
  logLevel: 'warn',
})
