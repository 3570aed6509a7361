// Lint rules: typescript-eslint's recommended set, plus the boundary that keeps packages/core pure.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const NODE_AND_IO = [
  'node:*',
  'fs',
  'path',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'os',
  'chdb',
  'pg',
  '@electric-sql/*',
  '@clickhouse/*',
  'fastify',
  'drizzle-orm',
  'drizzle-orm/*',
]

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', '**/dist/**', '.tmp/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        NodeJS: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Name exports explicitly; no export *.' },
      ],
    },
  },
  {
    // The dashboard runs in the browser (packages/web/tsconfig.json checks it with the DOM types).
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        Blob: 'readonly',
        Response: 'readonly',
        HTMLDivElement: 'readonly',
      },
    },
  },
  {
    // The domain core has no I/O: no Node built-ins, no database or HTTP libraries (tests may read fixtures).
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: NODE_AND_IO, message: 'packages/core is pure: no Node or I/O modules.' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'packages/core reads no environment.' },
        { name: 'fetch', message: 'packages/core does no I/O.' },
      ],
    },
  },
)
