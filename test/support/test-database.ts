import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { sql } from 'drizzle-orm'
import { openDatabase, runMigrations, type Database } from '../../src/db/database.js'
import { createLogger } from '../../src/logger.js'

export const testLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent')

export interface TestDatabase extends Database {
  /** The URL tests can hand to a child process (server mode only). */
  url: string | undefined
  dataDir: string
  destroy(): Promise<void>
}

/**
 * A real, empty, migrated database for the test run. With DATABASE_URL (CI's first pass) a new
 * database is created on that server and dropped afterwards; without it, embedded PGlite in a
 * temporary directory, exactly as `npm start` uses.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fh-test-'))
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    const database = await openDatabase({ dataDir, poolSize: 10, logger: testLogger })
    await runMigrations(database)
    return {
      ...database,
      url: undefined,
      dataDir,
      async destroy() {
        await database.close()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  const name = `fh_test_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir, poolSize: 40, logger: testLogger })
  await runMigrations(database)
  return {
    ...database,
    url: url.toString(),
    dataDir,
    async destroy() {
      await database.close()
      const dropper = new pg.Client({ connectionString: serverUrl })
      await dropper.connect()
      await dropper.query(`drop database if exists ${name} with (force)`)
      await dropper.end()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Empties every table (the audit log's append-only trigger is bypassed for this only). */
export async function resetDatabase(database: Database): Promise<void> {
  const tables = await database.db.execute<{ name: string }>(sql`
    select quote_ident(tablename) as name from pg_tables
    where schemaname = 'public' and tablename not like '__drizzle%'`)
  const names = tables.rows.map((row) => row.name).join(', ')
  if (!names) return
  const client = await database.pool.connect()
  try {
    await client.query('begin')
    await client.query('set local session_replication_role = replica')
    await client.query(`truncate ${names} restart identity cascade`)
    await client.query('commit')
  } catch (error) {
    await client.query('rollback')
    throw error
  } finally {
    client.release()
  }
}
