import type { Agenda } from 'agenda'
import type { Services } from '../src/services/index.js'
import { LONDON } from '../src/time.js'
import { REMINDER_MINUTE_TICK } from './job-names.js'

/**
 * Reminder rows wait in the notifications table with their future due_at (planned in the booking's
 * own transaction, so nothing is queued before it commits). The delivery sweep runs every minute,
 * but at whatever second it first started, so a reminder due at 8:00 could go at 8:01. This job
 * runs on the minute (cron, London time), so a reminder goes within seconds of its due minute.
 * It only starts a delivery run: rows are claimed one by one, so it can overlap the sweep, or run
 * on several workers, and still send each reminder once.
 */
function reminderTickHandler(services: Pick<Services, 'notificationDelivery'>) {
  return async (): Promise<void> => {
    await services.notificationDelivery.deliverDue()
  }
}

export async function defineReminderJobs(agenda: Agenda, services: Services): Promise<void> {
  // One at a time per worker, and one lock: a second run queued at the same moment goes to another worker.
  agenda.define(REMINDER_MINUTE_TICK, reminderTickHandler(services), { concurrency: 1, lockLimit: 1 })
  await agenda.every('* * * * *', REMINDER_MINUTE_TICK, undefined, { timezone: LONDON, skipImmediate: true })
}
