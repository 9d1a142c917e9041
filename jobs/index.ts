import type { Agenda } from 'agenda'
import type { Services } from '../src/services/index.js'
import { defineOfferJobs } from './offer-expiry.js'
import { defineDeliveryJobs } from './deliver-due-notifications.js'
import { defineReminderJobs } from './reminder-tick.js'
import { defineRetentionJobs } from './family-retention.js'
import { defineRefillJobs } from './refill-sweep.js'
import { defineReportSummaryJobs, refreshReportSummariesSoon } from './report-summaries.js'

/**
 * Every job the worker runs, one file each. A job is thin: it takes ids from its data, calls one
 * service method that re-reads the database, and is safe to run twice. `stopping` is aborted when
 * the process shuts down; a job that works in batches stops between two.
 */
export async function defineJobs(agenda: Agenda, services: Services, stopping?: AbortSignal): Promise<void> {
  await defineOfferJobs(agenda, services)
  await defineDeliveryJobs(agenda, services)
  await defineReminderJobs(agenda, services)
  await defineRetentionJobs(agenda, services)
  await defineRefillJobs(agenda, services)
  await defineReportSummaryJobs(agenda, services, stopping)
}

/** What a worker runs once as it starts, besides the recurring jobs (web processes and tests do not). */
export async function scheduleStartUpJobs(agenda: Agenda): Promise<void> {
  await refreshReportSummariesSoon(agenda)
}
