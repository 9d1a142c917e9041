import { defineConfig } from 'drizzle-kit'

// Only used by `npm run db:generate`: drizzle-kit compares the schema with the last snapshot
// and writes a new SQL migration into src/db/migrations. No database connection is needed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
})
