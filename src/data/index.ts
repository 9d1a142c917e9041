import type { Config } from '../config.js'
import type { Database } from '../db/database.js'
import type { Logger } from '../logger.js'
import { CatalogueRepository } from './catalogue-repository.js'
import { staffData } from './staff/index.js'
import { bookingData } from './booking/index.js'
import { notificationData } from './notifications/index.js'
import { reminderData } from './reminders/index.js'
import { postgresRateLimit } from './booking/rate-limit-store.js'
import { calendarFeedData } from './calendar-feeds/index.js'
import { privacyData } from './privacy/index.js'
import { reportData } from './reports/index.js'

/** Composition root for all I/O: repositories and adapters (pg, nodemailer, twilio). */
export function dataAccess(database: Database, config: Config, logger: Logger) {
  return {
    database,
    config,
    logger,
    catalogue: new CatalogueRepository(database.db),
    staff: staffData(database),
    booking: bookingData(database, config),
    // The notifications table and the providers: SMTP or the dev outbox, Twilio or the dev outbox.
    notifications: notificationData(database, config),
    // Reminder rows, text replies and delivery reports.
    reminders: reminderData(database),
    // Requests to the Open Referral UK API per client address per minute.
    orukRateLimit: postgresRateLimit(database.pool, { name: 'oruk-api', points: config.rateLimits.orukApiPerMinute, durationSeconds: 60 }),
    // Private calendar subscriptions (/calendar/<token>.ics) and the sessions they list.
    calendarFeeds: calendarFeedData(),
    // Subject access export, erasure and retention.
    privacy: privacyData(database),
    // The manager reports' figures.
    reports: reportData(database),
  }
}

export type DataAccess = ReturnType<typeof dataAccess>
