import type { Agenda } from 'agenda'
import type { Services } from '../src/services/index.js'
import { DELIVER_DUE_NOTIFICATIONS } from './job-names.js'

/**
 * Sends every notification row that is due. Queued right after a booking transaction commits
 * (the unit of work wakes delivery), and run every minute as a sweeper, which picks up retries whose back-off
 * has passed, reminders whose due time has come, and anything whose wake-up job was lost. Rows are
 * claimed one by one in the database, so runs in parallel (here or in another worker) never send
 * the same row twice.
 */
function deliverDueNotificationsHandler(services: Pick<Services, 'notificationDelivery'>) {
  return async (): Promise<void> => {
    await services.notificationDelivery.deliverDue()
  }
}

const DELIVERY_SWEEP_INTERVAL = '1 minute'

export async function defineDeliveryJobs(agenda: Agenda, services: Services): Promise<void> {
  agenda.define(DELIVER_DUE_NOTIFICATIONS, deliverDueNotificationsHandler(services), { concurrency: 3 })
  await agenda.every(DELIVERY_SWEEP_INTERVAL, DELIVER_DUE_NOTIFICATIONS, undefined, { skipImmediate: true })
}
