import { defineConfig } from 'vitest/config'

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
          // The sync suites run a real desk on PGlite: one migrated template, made before the workers.
          globalSetup: ['tests/support/pgliteTemplateGlobalSetup.ts'],
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
          // The token contrast test reads the stylesheets' text (`?raw`); Vitest empties CSS otherwise.
          css: { include: [/\.css/] },
        },
      },
    ],
  },
})
