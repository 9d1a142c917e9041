import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import type { Logger } from '../../logger.js'
import { BookingRepository } from '../../data/booking-repository.js'
import { FamilyRepository } from '../../data/family-repository.js'
import { BookingMessages } from '../../data/notifications/booking-messages.js'
import { MessageContextRepository } from '../../data/notifications/message-context-repository.js'
import { ReminderStore } from '../../data/reminders/reminder-store.js'
import { ReplyStore } from '../../data/reminders/reply-store.js'
import { AuditRepository } from '../../data/staff/audit-repository.js'
import { Registers } from '../../data/staff/registers.js'
import { BookingService } from '../../services/booking/booking-service.js'
import type { JobQueue } from '../../services/job-queue.js'
import { OutboxNotifier } from '../../services/notifications/outbox-notifier.js'
import { notifierWithReminders } from '../../services/reminders/notifier-with-reminders.js'
import { ReminderService } from '../../services/reminders/reminder-service.js'
import { TextReplyService } from '../../services/reminders/text-reply-service.js'
import { AuditService } from '../../services/staff/audit-service.js'
import { StaffRegisterService } from '../../services/staff/register-service.js'
import { UnitOfWork } from '../../services/unit-of-work.js'
import { OpenOfferRepository } from '../../data/booking/open-offer-repository.js'

/**
 * The app's own booking, register and text-reply services, put together as services/index.ts
 * does, for the demo's simulated past: messages and reminders are written at `clock`'s time
 * (the simulated moment), and `jobs` is the simulation itself, so an offer's expiry comes back to
 * it instead of the job system, and nothing wakes the delivery worker: no demo message is sent.
 */
export function demoServices(db: Db, config: Config, logger: Logger, clock: () => Date, jobs: JobQueue) {
  const unitOfWork = new UnitOfWork(db, jobs, logger)
  const reminders = new ReminderService(new ReminderStore(), config, logger)
  const notifier = notifierWithReminders(new OutboxNotifier(new BookingMessages(), clock), reminders, clock)
  const booking = new BookingService({
    db,
    bookings: new BookingRepository(),
    families: new FamilyRepository(),
    notifier,
    unitOfWork,
    config,
    openOffers: new OpenOfferRepository(),
  })
  return {
    booking,
    registers: new StaffRegisterService(unitOfWork, new Registers(db), new AuditService(new AuditRepository(db))),
    textReplies: new TextReplyService(unitOfWork, new ReplyStore(db), reminders, booking, new MessageContextRepository(db), logger),
  }
}

export type DemoServices = ReturnType<typeof demoServices>
