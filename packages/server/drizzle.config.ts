import { defineConfig } from 'drizzle-kit'

// Generates SQL migrations from the schema: `npx drizzle-kit generate` in packages/server.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/stores/meta/schema.ts',
  out: './src/stores/meta/migrations',
})
