import { defineConfig } from 'vitest/config'

// Files that mock modules or stub globals: each gets its own module graph.
const NODE_ISOLATED = [
  'src/main/services/ExportService.renderOnce.test.ts',
  'src/main/store/SecretStore.mode.test.ts',
  'scripts/findElectronBinary.test.ts',
]
const DOM_ISOLATED = [
  'src/renderer/src/editor/usePictureUrl.test.tsx',
  'src/renderer/src/features/import/useFileImport.test.tsx',
]

export default defineConfig({
  test: {
    // Both cores (Vitest's default leaves one free): the suites mostly wait on fsync, PGlite and
    // sockets, and the full run fits CI's 15 minutes only this way.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'src/shared/**/*.test.ts',
            'src/main/**/*.test.ts',
            'src/cms/**/*.test.ts',
            'src/cli/**/*.test.ts',
            'scripts/**/*.test.ts',
            'tests/support/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: NODE_ISOLATED,
          // The sync suites run a real desk on PGlite: one migrated template, made before the workers.
          globalSetup: ['tests/support/pgliteTemplateGlobalSetup.ts'],
          isolate: false,
        },
      },
      {
        test: {
          name: 'node-isolated',
          environment: 'node',
          include: NODE_ISOLATED,
        },
      },
      {
        test: {
          // The desk server: each test file runs on both PGlite and a real PostgreSQL, which the
          // global setup starts when COPYDESK_TEST_DATABASE_URL does not name one.
          name: 'server',
          environment: 'node',
          include: ['src/server/**/*.test.ts'],
          globalSetup: [
            'tests/support/postgresGlobalSetup.ts',
            'tests/support/pgliteTemplateGlobalSetup.ts',
          ],
          // One module graph per worker, not per file: each file opens its own databases and servers
          // and closes them, and nothing here mocks modules; PGlite's WebAssembly and the server's
          // modules load once per worker (60 s less CPU over the project, measured 2026-12-02).
          isolate: false,
          // A new PGlite runs initdb in WebAssembly: up to ~20 s on a busy machine.
          hookTimeout: 120_000,
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          exclude: DOM_ISOLATED,
          // The token contrast test reads the stylesheets' text (`?raw`); Vitest empties CSS otherwise.
          css: { include: [/\.css/] },
          // One module graph and one happy-dom per worker, not per file: the files render into
          // their own containers and clean up after each test, and nothing here mocks modules. The
          // environment and imports made per file were 47 s of the project's 49 (measured
          // 2026-12-02: 47 s → 8 s on the same loaded machine).
          isolate: false,
        },
      },
      {
        test: {
          // These keep module-level state across tests (a picture's retry timers, the files the
          // system opened): each file gets its own modules.
          name: 'dom-isolated',
          environment: 'happy-dom',
          include: DOM_ISOLATED,
          css: { include: [/\.css/] },
        },
      },
    ],
  },
})
