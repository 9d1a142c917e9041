import { mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import * as schema from './schema/index.js'
import { fromRoot } from '../project-root.js'
import type { Logger } from '../logger.js'
import { keepExtendedQueriesTogether } from './keep-queries-together.js'

export type Db = NodePgDatabase<typeof schema>
/** A drizzle transaction; services that must run inside one take this. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** Either: for repository methods usable inside or outside a transaction. */
export type Executor = Db | Tx

export interface Database {
  mode: 'server' | 'embedded'
  pool: pg.Pool
  db: Db
  close(): Promise<void>
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  dataDir: string
  poolSize: number
  logger: Logger
}

// Return timestamps as Date and bigint counts as numbers (counts here never pass 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))

/**
 * One code path for both modes: the app always talks to PostgreSQL through a `pg` Pool. With no
 * DATABASE_URL, an embedded PGlite database is served on a Unix socket inside the data directory
 * by pglite-socket, whose multiplexer gives every pooled connection its own turn and keeps a
 * transaction's statements (and, with keepExtendedQueriesTogether, each query's messages) together.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize })
    pool.on('error', (error) => options.logger.error({ err: error }, 'idle database connection failed'))
    return { mode: 'server', pool, db: drizzle(pool, { schema }), close: () => pool.end() }
  }
  return openEmbeddedDatabase(options)
}

async function openEmbeddedDatabase(options: DatabaseOptions): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite')
  // Contrib extensions are loaded here and then created by the migrations (pg_trgm: catalogue search).
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  const dataDir = resolve(options.dataDir)
  mkdirSync(dataDir, { recursive: true })
  const pglite = await PGlite.create(join(dataDir, 'pgdata'), { extensions: { pg_trgm } })
  // pg finds a Unix socket at <host>/.s.PGSQL.<port>.
  const socketPath = join(dataDir, '.s.PGSQL.5432')
  rmSync(socketPath, { force: true })
  const server = new PGLiteSocketServer({ db: keepExtendedQueriesTogether(pglite), path: socketPath, maxConnections: options.poolSize + 4 })
  await server.start()
  const pool = new pg.Pool({ host: dataDir, port: 5432, user: 'postgres', database: 'postgres', max: options.poolSize })
  pool.on('error', (error) => options.logger.error({ err: error }, 'idle database connection failed'))
  return {
    mode: 'embedded',
    pool,
    db: drizzle(pool, { schema }),
    async close() {
      await pool.end()
      await server.stop()
      await pglite.close()
    },
  }
}

const migrationsFolder = fromRoot('src', 'db', 'migrations')

export async function runMigrations(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder })
}
