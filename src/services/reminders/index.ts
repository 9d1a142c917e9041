import type { DataAccess } from '../../data/index.js'
import { twilioSignatureCheck } from '../../data/webhooks/twilio-signature.js'
import { MessageContextRepository } from '../../data/notifications/message-context-repository.js'
import type { JobQueue } from '../job-queue.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { DeliveryStatusService } from './delivery-status-service.js'
import { emailFallback } from './email-fallback.js'
import { ReminderService } from './reminder-service.js'
import { ReminderStore } from './reminder-store.js'
import { ReplyStore } from './reply-store.js'
import { StatusStore } from './status-store.js'
import { TextReplyService, type BookingActions } from './text-reply-service.js'

/** services.reminders: plans, moves and cancels reminder rows inside booking transactions. */
export function reminderScheduler(data: DataAccess): ReminderService {
  return new ReminderService(new ReminderStore(), data.config, data.logger)
}

/** services.twilioWebhooks: what Twilio's signed webhooks call. */
export function twilioWebhookServices(data: DataAccess, deps: { reminders: ReminderService; booking: BookingActions; unitOfWork: UnitOfWork; jobs: JobQueue }) {
  const db = data.database.db
  return {
    checkSignature: twilioSignatureCheck(data.config.twilio?.authToken),
    replies: new TextReplyService(deps.unitOfWork, new ReplyStore(db), deps.reminders, deps.booking, new MessageContextRepository(db), data.logger),
    deliveryStatus: new DeliveryStatusService(new StatusStore(db), emailFallback(db, () => deps.jobs.wakeDelivery()), data.logger),
  }
}
