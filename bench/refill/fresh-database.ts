import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { openDatabase, runMigrations, type Database } from '../../src/db/database.js'
import { createLogger } from '../../src/logger.js'
import { createThrowawayDatabase } from '../throwaway-database.js'

/** An empty, migrated database for one variant, and how to get rid of it. */
export interface FreshDatabase {
  database: Database
  where: string
  drop(): Promise<void>
}

/**
 * A new database on the server at `serverUrl` (dropped afterwards), or with none, embedded PGlite in
 * a temporary directory, exactly as `npm start` uses without DATABASE_URL.
 */
export async function freshDatabase(serverUrl: string | undefined): Promise<FreshDatabase> {
  const logger = createLogger('warn')
  const dataDir = mkdtempSync(join(tmpdir(), 'fh-bench-refill-'))
  if (!serverUrl) {
    const database = await openDatabase({ dataDir, poolSize: 4, logger })
    await runMigrations(database)
    return {
      database,
      where: 'embedded PGlite',
      async drop() {
        await database.close()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  const throwaway = await createThrowawayDatabase(serverUrl, 'fh_bench_refill')
  try {
    // Commits need not wait for the disk: a crash loses a throwaway database anyway, and the term's
    // thousands of small transactions would otherwise measure the disk, not the rules.
    const admin = new pg.Client({ connectionString: throwaway.url })
    await admin.connect()
    await admin.query(`alter database ${throwaway.name} set synchronous_commit = off`)
    await admin.end()
    const database = await openDatabase({ databaseUrl: throwaway.url, dataDir, poolSize: 4, logger })
    await runMigrations(database)
    return {
      database,
      where: 'PostgreSQL server',
      async drop() {
        await database.close()
        // BENCH_KEEP_DATABASE=true keeps it to look into (its name is printed).
        if (process.env.BENCH_KEEP_DATABASE === 'true') console.log(`Kept ${throwaway.url}`)
        else await throwaway.drop()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await throwaway.drop()
    throw error
  }
}
