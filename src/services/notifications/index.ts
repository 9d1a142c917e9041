import type { DataAccess } from '../../data/index.js'
import type { JobQueue } from '../job-queue.js'
import { DEFAULT_DELIVERY_OPTIONS, NotificationDeliveryService, type DeliveryOptions } from './delivery-service.js'
import { DevOutboxService } from './dev-outbox-service.js'
import { MessageRenderer } from './message-renderer.js'

/**
 * services.notificationDelivery (the worker's side of the outbox) and services.devOutbox
 * (/dev/outbox). The .ics download uses calendar.ts's bookingCalendar (services/booking/calendar-download.ts).
 */
export function notificationServices(data: DataAccess, jobs: JobQueue, options: Partial<DeliveryOptions> = {}) {
  const { config } = data
  const { notifications, contexts, email, sms, devOutbox } = data.notifications
  const renderer = new MessageRenderer(
    {
      baseUrl: config.baseUrl,
      serviceName: config.serviceName,
      sessionSecret: config.sessionSecret,
      mailFrom: config.mail.from,
      cacheTemplates: config.isProduction,
    },
    contexts,
  )
  const deliveryOptions = {
    ...DEFAULT_DELIVERY_OPTIONS,
    claimTimeoutSeconds: config.notifications.claimTimeoutSeconds,
    textQuietHours: { start: config.reminders.quietHoursStart, end: config.reminders.quietHoursEnd },
    ...options,
  }
  return {
    notificationDelivery: new NotificationDeliveryService(
      notifications,
      contexts,
      renderer,
      email,
      sms,
      jobs,
      data.logger,
      { baseUrl: config.baseUrl },
      deliveryOptions,
    ),
    devOutbox: new DevOutboxService(devOutbox, !config.isProduction, !config.isProduction && !config.twilio),
  }
}
