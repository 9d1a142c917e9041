import { ConfigError, loadConfig } from '../config.js'
import { createLogger } from '../logger.js'
import { openDatabase, runMigrations } from './database.js'

/** `npm run migrate`: applies any new migrations to the configured database (embedded or server). */
async function main(): Promise<void> {
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  const database = await openDatabase({ databaseUrl: config.database.url, dataDir: config.database.dataDir, poolSize: 2, logger })
  try {
    await runMigrations(database)
    console.log(
      `Migrations applied to the ${database.mode === 'embedded' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL server from DATABASE_URL'}.`,
    )
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ? error.message : `Migration failed: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exit(1)
})
