import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const electronOnly = {
  name: 'electron',
  message: 'Only src/main/index.ts and src/main/ipc touch Electron.',
}
const nodeBuiltins = {
  group: ['node:*'],
  message: 'src/shared runs everywhere: no Node built-ins.',
}

const TEST_CODE = '/(^|\\/)(tests|bench)\\/|^@playwright\\/test$|^vitest$/'
// src/shared's own limits; src/shared/domain repeats them with one more (flat config replaces a rule).
const sharedPaths = [
  electronOnly,
  { name: 'react', message: 'src/shared has no React.' },
  { name: '@tiptap/react', message: 'Schema only in src/shared.' },
]
const sharedPatterns = [
  nodeBuiltins,
  {
    group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/server/**'],
    message: 'src/shared imports neither main nor renderer (nor the desk server).',
  },
]
const noTestCode = [
  {
    selector: `ImportDeclaration[source.value=${TEST_CODE}], ImportExpression[source.value=${TEST_CODE}]`,
    message: 'The app never imports test or bench code.',
  },
]
const noClockBypass = [
  {
    selector: 'NewExpression[callee.name="Date"][arguments.length=0]',
    message: 'Read the time from a Clock (src/shared/domain/Clock.ts), not new Date().',
  },
  {
    selector: 'CallExpression[callee.object.name="Date"][callee.property.name="now"]',
    message: 'Read the time from a Clock (src/shared/domain/Clock.ts), not Date.now().',
  },
]
const storeInterfacesOnly = [
  {
    selector:
      'ImportDeclaration[source.value=/\\/store\\/(LowdbArticleRepository|HistoryRepository|DeskSettingsStore)$/]',
    message:
      'Services take ArticleRepository, HistoryStore and SettingsStore, not the lowdb classes.',
  },
]

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { paths: [electronOnly] }],
    },
  },
  {
    // startUpdates.ts is the updater's Electron wiring; its decisions are in plain, tested modules.
    files: [
      'src/main/index.ts',
      'src/main/ipc/**',
      'src/preload/**',
      'src/main/updates/startUpdates.ts',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: sharedPaths,
          patterns: sharedPatterns,
        },
      ],
    },
  },
  {
    // The contract imports the domain, never the other way.
    files: ['src/shared/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: sharedPaths,
          patterns: [
            ...sharedPatterns,
            {
              group: ['**/ipc/**', '../ipc', '../ipc/*'],
              message:
                'The domain does not know the IPC contract; the contract imports the domain.',
            },
          ],
        },
      ],
    },
  },
  {
    // The store keeps domain types; what crosses the IPC boundary is none of its business.
    files: ['src/main/store/**'],
    ignores: ['src/main/store/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              group: ['**/shared/ipc/*', '!**/shared/ipc/AppError'],
              message: 'The store never imports the contract: its types live in src/shared/domain.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests of shared code run in Node and may read fixtures from disk.
    files: ['src/shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly] }] },
  },
  {
    // The desk server: Node, no Electron or React; it reuses src/shared and meets main only there.
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnly,
            { name: 'react', message: 'The desk server has no React.' },
            { name: '@tiptap/react', message: 'The desk server has no React.' },
          ],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'],
              message:
                'src/server imports only src/shared: it meets the workstation through a contract there.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CMS clients: plain Node and fetch, shared by the workstation's outbox and the desk server's.
    files: ['src/cms/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnly,
            { name: 'react', message: 'The CMS clients have no React.' },
            { name: '@tiptap/react', message: 'The CMS clients have no React.' },
          ],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/server/**', '**/cli/**'],
              message:
                'src/cms imports only src/shared: the workstation and the desk server both import it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/main/**', '**/preload/**', '**/server/**'],
              message: 'The renderer reaches main only through api.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/domain/**', '**/main/**', '**/renderer/**', '**/ipc/contract', 'zod'],
              message:
                'The preload imports only shared/ipc/channels (it stays a tiny CommonJS script).',
            },
          ],
        },
      ],
    },
  },
  {
    // What src/ imports is what ships: test and bench code stays out of the app (a test checks the build).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', ...noTestCode, ...noClockBypass] },
  },
  {
    // The one place the app reads the time.
    files: ['src/shared/domain/Clock.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noTestCode] },
  },
  {
    // Services work against interfaces, so a desk server can give them other stores.
    files: ['src/main/services/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...noTestCode, ...noClockBypass, ...storeInterfacesOnly],
    },
  },
)
