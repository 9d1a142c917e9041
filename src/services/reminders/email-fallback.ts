import type { EmailFallbackStore } from '../../data/reminders/email-fallback-store.js'
import type { EmailFallback } from './delivery-status-service.js'

/**
 * The email that replaces a text Twilio could not deliver: the same kind of message (the email
 * templates render every kind, reminder_sms_3h included), due now, once per text. None when the
 * family already has this message by email. `wake` puts a delivery run on the queue.
 */
export function emailFallback(store: EmailFallbackStore, wake: () => Promise<void>): EmailFallback {
  return async (row, email) => {
    const scheduled = await store.schedule(row, email)
    if (scheduled) await wake()
    return scheduled
  }
}
