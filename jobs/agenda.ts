import { Agenda } from 'agenda'
import { PostgresBackend } from '@agendajs/postgres-backend'
import type pg from 'pg'

export interface AgendaOptions {
  pool: pg.Pool
  /**
   * LISTEN for new jobs (a dedicated connection per process) instead of only polling. Off on
   * PGlite, which does not deliver NOTIFY across connections, and off where nothing processes
   * jobs (a web-only process or a test's unstarted queue), which would only hold a connection.
   */
  listen: boolean
  pollSeconds: number
  name: string
}

/** agenda 6 on the app's own PostgreSQL pool (table agenda_jobs, made by the backend). */
export function createAgenda(options: AgendaOptions): Agenda {
  return new Agenda({
    backend: new PostgresBackend({ pool: options.pool, disableNotifications: !options.listen, ensureSchema: false }),
    name: options.name,
    processEvery: options.pollSeconds * 1000,
    maxConcurrency: 20,
    defaultConcurrency: 5,
    // A job whose worker died is picked up again after this; every job re-reads the
    // database, so running one twice has the effect of running it once.
    defaultLockLifetime: 5 * 60 * 1000,
    removeOnComplete: true,
  })
}
