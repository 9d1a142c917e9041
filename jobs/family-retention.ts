import type { Agenda } from 'agenda'
import type { Services } from '../src/services/index.js'
import { LONDON } from '../src/time.js'
import { FAMILY_RETENTION } from './job-names.js'

/**
 * Once a day (early morning, London time): anonymises the personal data of every family whose last
 * session ended more than RETENTION_MONTHS ago, or who never booked and whose record is that old.
 * The service re-reads the database and skips a family already anonymised, so a second run, or a
 * run on another worker, changes nothing.
 */
export function familyRetentionHandler(services: Pick<Services, 'staff'>) {
  return async (): Promise<void> => {
    await services.staff.dataProtection.applyRetention()
  }
}

export async function defineRetentionJobs(agenda: Agenda, services: Services): Promise<void> {
  agenda.define(FAMILY_RETENTION, familyRetentionHandler(services), { concurrency: 1, lockLimit: 1 })
  await agenda.every('30 3 * * *', FAMILY_RETENTION, undefined, { timezone: LONDON, skipImmediate: true })
}
