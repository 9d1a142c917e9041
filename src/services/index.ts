import type { DataAccess } from '../data/index.js'
import { CatalogueService } from './catalogue-service.js'
import { HealthService } from './health-service.js'
import type { JobQueue } from './job-queue.js'
import { UnitOfWork } from './unit-of-work.js'
import { OutboxNotifier } from './notifications/outbox-notifier.js'
import { staffServices } from './staff/index.js'
import { demoLogins } from './staff/demo-logins.js'
import { bookingServices } from './booking/index.js'
import { reminderScheduler, twilioWebhookServices } from './reminders/index.js'
import { notifierWithReminders } from './reminders/notifier-with-reminders.js'
import { notificationServices } from './notifications/index.js'
import { OrukService } from './oruk-service.js'
import { OrukRecords } from './oruk/records.js'
import { RecordIds } from './oruk/ids.js'
import { calendarFeedService } from './calendar-feeds/index.js'

/** Composition root for business rules. Services never see req/res. */
export function services(data: DataAccess, jobs: JobQueue) {
  const core = {
    config: data.config,
    logger: data.logger,
    jobs,
    // Every service write runs in it: one transaction, retried when worth it, jobs after commit.
    unitOfWork: new UnitOfWork(data.database.db, jobs, data.logger),
    health: new HealthService(data.database),
    catalogue: new CatalogueService(data.catalogue),
    // The catalogue as Open Referral UK 3.0 JSON for family information directories (/api/oruk).
    oruk: new OrukService(
      data.catalogue,
      new OrukRecords(new RecordIds(data.config.baseUrl), data.config.baseUrl, data.config.oruk.organisationName),
    ),
    orukRateLimit: data.orukRateLimit,
    notifier: new OutboxNotifier(data.notifications.bookingMessages),
    // Reminder rows: planned, moved and cancelled inside booking and session transactions.
    reminders: reminderScheduler(data),
    // services.notificationDelivery (the outbox worker) and services.devOutbox (/dev/outbox).
    ...notificationServices(data, jobs),
  }
  // Every booking confirmed or cancelled and every session moved also updates its reminders.
  core.notifier = notifierWithReminders(core.notifier, core.reminders)
  // services.booking (the booking rules), services.findMyBookings, services.rateLimits.
  const withBooking = { ...core, ...bookingServices(data, core.unitOfWork, core.notifier) }
  // Twilio's signed webhooks: text replies (CANCEL, YES, STOP) and delivery reports.
  const twilioWebhooks = twilioWebhookServices(data, {
    reminders: core.reminders,
    booking: withBooking.booking,
    unitOfWork: core.unitOfWork,
    jobs,
  })
  // Staff services use the booking service and notifier above, so they are built after them.
  return {
    ...withBooking,
    twilioWebhooks,
    staff: staffServices(data, withBooking),
    // Private calendar subscription feeds for families, staff and hubs.
    calendarFeeds: calendarFeedService(data, core.unitOfWork),
    demoLogins: (baseUrl?: string) => demoLogins(data, baseUrl),
  }
}

export type Services = ReturnType<typeof services>
