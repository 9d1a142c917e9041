import type { Server } from 'node:http'
import type { Agenda } from 'agenda'
import type { Config } from './config.js'
import type { Logger } from './logger.js'
import { openDatabase, runMigrations, type Database } from './db/database.js'
import { seedIfEmpty } from './cli/demo-data/index.js'
import { dataAccess } from './data/index.js'
import { services as buildServices, type Services } from './services/index.js'
import { createAgenda } from '../jobs/agenda.js'
import { AgendaJobQueue } from '../jobs/job-queue.js'
import { defineJobs } from '../jobs/index.js'
import { createApp } from './app.js'
import { closeServer, listen } from './server.js'

export interface RuntimeOptions {
  config: Config
  logger: Logger
  web: boolean
  worker: boolean
}

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
export async function startRuntime({ config, logger, web, worker }: RuntimeOptions): Promise<Runtime> {
  const database = await openDatabase({ databaseUrl: config.database.url, dataDir: config.database.dataDir, poolSize: config.database.poolSize, logger })
  let agenda: Agenda | undefined
  let server: Server | undefined
  try {
    await runMigrations(database)
    const shouldSeed = config.database.seedDemoData ?? database.mode === 'embedded'
    const seeded = shouldSeed ? await seedIfEmpty(database.db, logger, new Date(), config.sessionSecret) : false
    agenda = createAgenda({ pool: database.pool, listen: worker && database.mode === 'server', pollSeconds: config.jobs.pollSeconds, name: worker ? 'worker' : 'web' })
    agenda.on('error', (error) => logger.error({ err: error }, 'job system error'))
    const services = buildServices(dataAccess(database, config, logger), new AgendaJobQueue(agenda))
    await defineJobs(agenda, services)
    if (worker) await agenda.start()
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
        if (server) await closeServer(server, logger)
        await startedAgenda.stop()
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
