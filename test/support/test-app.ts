import type { Express } from 'express'
import type { Agenda } from 'agenda'
import { loadConfig, type Config } from '../../src/config.js'
import { dataAccess } from '../../src/data/index.js'
import { services as buildServices, type Services } from '../../src/services/index.js'
import { createApp } from '../../src/app.js'
import { createAgenda } from '../../jobs/agenda.js'
import { AgendaJobQueue } from '../../jobs/job-queue.js'
import { defineJobs } from '../../jobs/index.js'
import { testDatabase } from './root-hooks.js'
import { testLogger } from './test-database.js'

export interface TestApp {
  app: Express
  services: Services
  config: Config
  agenda: Agenda
}

/**
 * The real app on the run's database, with settings as a test needs them. Its agenda is real but
 * not started: a test runs jobs itself (see runDueJobs) so that nothing happens behind its back.
 */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = testDatabase()
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: database.dataDir, LOG_LEVEL: 'silent', ...env })
  const agenda = createAgenda({ pool: database.pool, listen: false, pollSeconds: 1, name: 'test' })
  const services = buildServices(dataAccess(database, config, testLogger), new AgendaJobQueue(agenda))
  await defineJobs(agenda, services)
  return { app: createApp({ services, pool: database.pool }), services, config, agenda }
}
