import type { DataAccess } from '../../data/index.js'
import { twilioSignatureCheck } from '../../data/webhooks/twilio-signature.js'
import { MessageContextRepository } from '../../data/notifications/message-context-repository.js'
import type { JobQueue } from '../job-queue.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { DeliveryStatusService } from './delivery-status-service.js'
import { emailFallback } from './email-fallback.js'
import { ReminderService } from './reminder-service.js'
import { TextReplyService, type BookingActions } from './text-reply-service.js'

/** services.reminders: plans, moves and cancels reminder rows inside booking transactions. */
export function reminderScheduler(data: DataAccess): ReminderService {
  return new ReminderService(data.reminders.store, data.config, data.logger)
}

/** services.twilioWebhooks: what Twilio's signed webhooks call. */
export function twilioWebhookServices(
  data: DataAccess,
  deps: { reminders: ReminderService; booking: BookingActions; unitOfWork: UnitOfWork; jobs: JobQueue },
) {
  const db = data.database.db
  return {
    checkSignature: twilioSignatureCheck(data.config.twilio?.authToken),
    replies: new TextReplyService(
      deps.unitOfWork,
      data.reminders.replies,
      deps.reminders,
      deps.booking,
      new MessageContextRepository(db),
      data.logger,
    ),
    deliveryStatus: new DeliveryStatusService(
      data.reminders.statuses,
      emailFallback(data.reminders.emailFallbacks, () => deps.jobs.wakeDelivery()),
      data.logger,
    ),
  }
}
