import { resolve } from 'node:path'
import type { Config } from '../../config.js'
import type { Database } from '../../db/database.js'
import { DevOutbox } from '../mail/dev-outbox.js'
import type { EmailSender } from '../mail/email-sender.js'
import { OutboxEmailSender } from '../mail/outbox-email-sender.js'
import { SmtpEmailSender } from '../mail/smtp-email-sender.js'
import { OutboxSmsSender } from '../sms/outbox-sms-sender.js'
import type { SmsSender } from '../sms/sms-sender.js'
import { TwilioSmsSender } from '../sms/twilio-sms-sender.js'
import { MessageContextRepository } from './message-context-repository.js'
import { NotificationRepository } from './notification-repository.js'
import { BookingMessages } from './booking-messages.js'

/**
 * data.notifications: the table, the facts messages are made from, and the two providers. With no
 * SMTP_URL, emails go to the dev outbox (DATA_DIR/outbox); with no Twilio settings, texts do too.
 */
export function notificationData(database: Database, config: Config) {
  const devOutbox = new DevOutbox(resolve(config.database.dataDir, 'outbox'))
  const email: EmailSender = config.mail.smtpUrl ? new SmtpEmailSender(config.mail.smtpUrl, config.mail.from) : new OutboxEmailSender(devOutbox, config.mail.from)
  const sms: SmsSender = config.twilio ? new TwilioSmsSender(config.twilio) : new OutboxSmsSender(devOutbox)
  return {
    notifications: new NotificationRepository(database.db),
    contexts: new MessageContextRepository(database.db),
    // The rows the outbox notifier writes inside booking transactions.
    bookingMessages: new BookingMessages(),
    email,
    sms,
    devOutbox,
  }
}
