import { ConfigError, loadConfig } from '../config.js'
import { createLogger } from '../logger.js'
import { openDatabase, runMigrations } from '../db/database.js'
import { seedIfEmpty } from './demo-data/index.js'

/**
 * `npm run seed`: migrates, then adds the demo data to an empty database. A database that already
 * has hubs is left alone, so running it twice never duplicates anything.
 */
async function main(): Promise<void> {
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  const database = await openDatabase({ databaseUrl: config.database.url, dataDir: config.database.dataDir, poolSize: 2, logger })
  try {
    await runMigrations(database)
    const seeded = await seedIfEmpty(database.db, logger, new Date(), config)
    console.log(seeded ? 'Demo data added.' : 'The database already has data (it has hubs), so no demo data was added.')
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Seeding failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
