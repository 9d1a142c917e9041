import type { Agenda } from 'agenda'
import type { Services } from '../src/services/index.js'
import { REPORT_SUMMARIES_JOB } from './job-names.js'

const REPORT_SUMMARIES_INTERVAL = '10 minutes'

/**
 * Thin and idempotent: sums the places of sessions that have ended, and of any whose summary a
 * change marked stale (migration 0014). Refreshers queue on one lock; a run that finds nothing to do
 * changes nothing. The reports are right without it (they count such sessions live), only slower.
 */
function reportSummariesHandler(services: Pick<Services, 'staff'>, stopping: AbortSignal | undefined) {
  return async (): Promise<void> => {
    await services.staff.reports.refreshSummaries(new Date(), stopping)
  }
}

export async function defineReportSummaryJobs(agenda: Agenda, services: Services, stopping?: AbortSignal): Promise<void> {
  agenda.define(REPORT_SUMMARIES_JOB, reportSummariesHandler(services, stopping), { concurrency: 1, lockLimit: 1 })
  // skipImmediate: every start (web processes too) moves the next run to 10 minutes from now, as
  // agenda keeps no earlier time for a job given one in the future. The worker's start-up run below
  // covers the time until then.
  await agenda.every(REPORT_SUMMARIES_INTERVAL, REPORT_SUMMARIES_JOB, undefined, { skipImmediate: true })
}

/**
 * Once, as soon as a worker starts: after a deploy the reports would otherwise count every session
 * ended since the last run live for up to 10 minutes. A one-off job beside the recurring one; the
 * definition's concurrency and lock limit of 1 keep the two from running at once, and it is removed
 * when done (removeOnComplete). Shutdown stops it between batches (the `stopping` signal).
 */
export async function refreshReportSummariesSoon(agenda: Agenda): Promise<void> {
  await agenda.now(REPORT_SUMMARIES_JOB)
}
