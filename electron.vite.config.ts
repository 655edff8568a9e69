import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    // The shipped app, host and CLI are production: the dispatcher skips its output checks there.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/cli/copydesk.ts'),
          webHost: resolve('src/main/host/webHostMain.ts'),
          // Started on a thread of its own by the first build of the search index.
          searchWorker: resolve('src/main/store/searchWorkerMain.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: {
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react()],
  },
})
