import type { Agenda } from 'agenda'
import type { Services } from '../src/services/index.js'
import { REFILL_SWEEP_JOB } from './job-names.js'

const REFILL_SWEEP_INTERVAL = '5 minutes'

/**
 * Thin and idempotent: the sweep re-reads everything under each course's lock, so a run that
 * overlaps another, or runs twice, offers nothing twice. It expires due offers, moves their places
 * on (to everyone waiting near the start), and closes open offers past their cut-off.
 */
function refillSweepHandler(services: Pick<Services, 'booking'>) {
  return async (): Promise<void> => {
    await services.booking.refillSweep(new Date())
  }
}

export async function defineRefillJobs(agenda: Agenda, services: Services): Promise<void> {
  agenda.define(REFILL_SWEEP_JOB, refillSweepHandler(services))
  await agenda.every(REFILL_SWEEP_INTERVAL, REFILL_SWEEP_JOB, undefined, { skipImmediate: true })
}
