/** Every job's name, in one place: the queue adapter enqueues them and the job files define them. */
export const OFFER_EXPIRY_JOB = 'offer-expiry'
/** Backs up OFFER_EXPIRY_JOB: expires any offer whose own job was lost. */
export const OFFER_EXPIRY_SWEEP_JOB = 'offer-expiry-sweep'
export const DELIVER_DUE_NOTIFICATIONS = 'deliver-due-notifications'
export const REMINDER_MINUTE_TICK = 'reminder-minute-tick'
/** Daily: anonymises families past RETENTION_MONTHS (UK GDPR retention). */
export const FAMILY_RETENTION = 'family-retention'
/** Every few minutes: keeps freed places moving (services.booking.refillSweep). */
export const REFILL_SWEEP_JOB = 'refill-sweep'
/** Every 10 minutes: the per-session attendance summaries behind the reports (services.staff.reports.refreshSummaries). */
export const REPORT_SUMMARIES_JOB = 'report-summaries'
