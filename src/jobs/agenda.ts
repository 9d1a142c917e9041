import { Agenda } from 'agenda'
import { PostgresBackend } from '@agendajs/postgres-backend'
import type pg from 'pg'

export interface AgendaOptions {
  pool: pg.Pool
  /** PGlite does not deliver NOTIFY across connections: poll instead of listening. */
  embedded: boolean
  pollSeconds: number
  name: string
}

/** agenda 6 on the app's own PostgreSQL pool (table agenda_jobs, made by the backend). */
export function createAgenda(options: AgendaOptions): Agenda {
  return new Agenda({
    backend: new PostgresBackend({ pool: options.pool, disableNotifications: options.embedded }),
    name: options.name,
    processEvery: options.pollSeconds * 1000,
    maxConcurrency: 20,
    defaultConcurrency: 5,
    // A job whose worker died is picked up again after this; jobs are idempotent (see jobs/README).
    defaultLockLifetime: 5 * 60 * 1000,
    removeOnComplete: true,
  })
}
