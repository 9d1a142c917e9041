import type { Agenda } from 'agenda'
import type { Services } from '../src/services/index.js'
import { REPORT_SUMMARIES_JOB } from './job-names.js'

const REPORT_SUMMARIES_INTERVAL = '10 minutes'

/**
 * Thin and idempotent: sums the places of sessions that have ended, and of any whose summary a
 * change marked stale (migration 0014). Refreshers queue on one lock; a run that finds nothing to do
 * changes nothing. The reports are right without it (they count such sessions live), only slower.
 */
function reportSummariesHandler(services: Pick<Services, 'staff'>) {
  return async (): Promise<void> => {
    await services.staff.reports.refreshSummaries(new Date())
  }
}

export async function defineReportSummaryJobs(agenda: Agenda, services: Services): Promise<void> {
  agenda.define(REPORT_SUMMARIES_JOB, reportSummariesHandler(services), { concurrency: 1, lockLimit: 1 })
  await agenda.every(REPORT_SUMMARIES_INTERVAL, REPORT_SUMMARIES_JOB, undefined, { skipImmediate: true })
}
