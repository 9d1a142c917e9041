import type { Database } from '../../db/database.js'
import { EmailFallbackStore } from './email-fallback-store.js'
import { ReminderStore } from './reminder-store.js'
import { ReplyStore } from './reply-store.js'
import { StatusStore } from './status-store.js'

/** data.reminders: reminder rows, text replies and Twilio's delivery reports (part of dataAccess()). */
export function reminderData(database: Database) {
  return {
    // Every method takes the transaction (or db) it runs in: reminders change with bookings.
    store: new ReminderStore(),
    replies: new ReplyStore(database.db),
    statuses: new StatusStore(database.db),
    emailFallbacks: new EmailFallbackStore(database.db),
  }
}

