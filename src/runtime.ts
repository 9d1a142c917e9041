import type { Server } from 'node:http'
import type { Agenda } from 'agenda'
import type { Config } from './config.js'
import type { Logger } from './logger.js'
import { openDatabase, runMigrations, type Database } from './db/database.js'
import { seedIfEmpty } from './cli/demo-data/index.js'
import { demoRows } from './data/demo/demo-rows.js'
import { dataAccess } from './data/index.js'
import { services as buildServices, type Services } from './services/index.js'
import { createAgenda } from '../jobs/agenda.js'
import { AgendaJobQueue } from '../jobs/job-queue.js'
import { defineJobs, scheduleStartUpJobs } from '../jobs/index.js'
import { stopJobWorker } from '../jobs/stop-worker.js'
import { createApp } from './app.js'
import { closeServer, listen } from './server.js'

export interface RuntimeOptions {
  config: Config
  logger: Logger
  web: boolean
  worker: boolean
  /**
   * Apply migrations and add demo data (the default). Web processes forked by main.ts skip it: the
   * process that forked them has done it once, before any of them started.
   */
  prepareDatabase?: boolean
  /** More connections the embedded database must accept, for the web processes forked beside it. */
  extraConnections?: number
  /** Told each step of start-up as it begins ("Starting database…"), for the person waiting. */
  onStep?: (step: string) => void
}

/**
 * How long shutdown waits for running jobs (after telling long ones to stop between batches),
 * alongside the web server's own 10 s for requests: both end well inside the 30 s most platforms
 * allow between SIGTERM and SIGKILL.
 */
const JOB_STOP_GRACE_MS = 20_000

export interface Runtime {
  database: Database
  services: Services
  agenda: Agenda
  server: Server | undefined
  url: string | undefined
  seeded: boolean
  stop(): Promise<void>
}

/**
 * Starts the service: database (embedded or server), migrations, demo data on a new embedded
 * database, then the web server and/or the job worker. stop() undoes it in reverse order.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger, web, worker, prepareDatabase = true, extraConnections = 0 } = options
  const step = options.onStep ?? (() => undefined)
  step(config.database.url ? 'Connecting to the database…' : 'Starting database…')
  // The embedded database's socket server takes its connection limit from the pool size, so the
  // forked web processes' pools are added to it (PGlite runs one query at a time whatever the count).
  const poolSize = config.database.url ? config.database.poolSize : config.database.poolSize + extraConnections
  const database = await openDatabase({ databaseUrl: config.database.url, dataDir: config.database.dataDir, poolSize, logger })
  let agenda: Agenda | undefined
  let server: Server | undefined
  try {
    let seeded = false
    if (prepareDatabase) {
      await runMigrations(database)
      const shouldSeed = config.database.seedDemoData ?? database.mode === 'embedded'
      if (shouldSeed && !(await demoRows.hasHubs(database.db))) step('Adding demo data…')
      seeded = shouldSeed ? await seedIfEmpty(database.db, logger, new Date(), config) : false
    }
    agenda = createAgenda({
      pool: database.pool,
      listen: worker && database.mode === 'server',
      pollSeconds: config.jobs.pollSeconds,
      name: worker ? 'worker' : 'web',
    })
    agenda.on('error', (error) => logger.error({ err: error }, 'job system error'))
    const services = buildServices(dataAccess(database, config, logger), new AgendaJobQueue(agenda))
    // Aborted when stop() begins: a long job ends at its next batch instead of holding up shutdown.
    const stopping = new AbortController()
    await defineJobs(agenda, services, stopping.signal)
    if (worker) {
      step('Starting the job worker…')
      await scheduleStartUpJobs(agenda)
      await agenda.start()
    }
    if (web) step('Starting the web server…')
    if (web) server = await listen(createApp({ services, pool: database.pool }), config.port, config.host, config.http)
    const address = server?.address()
    const url = address && typeof address === 'object' ? `http://localhost:${address.port}` : undefined
    const startedAgenda = agenda
    return {
      database,
      services,
      agenda: startedAgenda,
      server,
      url,
      seeded,
      async stop() {
        stopping.abort()
        // The database closes only once no request and no job can use it any more.
        await Promise.all([
          server ? closeServer(server, logger) : undefined,
          stopJobWorker(startedAgenda, { logger, graceMs: JOB_STOP_GRACE_MS }),
        ])
        await database.close()
      },
    }
  } catch (error) {
    if (server) await closeServer(server, logger)
    await agenda?.stop().catch(() => undefined)
    await database.close().catch(() => undefined)
    throw error
  }
}
