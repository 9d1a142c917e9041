import type { Logger } from '../../logger.js'
import type { NotificationRow, StatusStore } from '../../data/reminders/status-store.js'

/** A Twilio status callback's fields, as the route read them. */
export interface StatusReport {
  messageSid: string
  /** queued, sending, sent, delivered, undelivered, failed (and accepted, scheduled, read, canceled). */
  status: string
  errorCode: number | undefined
  /** The row id the delivery worker put in the callback URL, if it did. */
  notificationId: number | undefined
}

/**
 * Twilio error codes after which the text will never arrive at that number: the family gets the
 * message by email instead, if they agreed to email. 21211 invalid number, 21408 region not
 * allowed, 21610 the number sent STOP, 21612 unreachable from our sender, 21614 not a mobile,
 * 30003 handset unreachable, 30004 blocked, 30005 unknown number, 30006 landline or unreachable
 * carrier, 30007 filtered as spam. (30003 can be a phone switched off for the day; for a reminder
 * that matters today, an email is still the better bet.) Other codes (queue overflow, account
 * problems) are recorded as failures for staff to see, without an email.
 */
const PERMANENT_SMS_ERRORS: ReadonlySet<number> = new Set([21211, 21408, 21610, 21612, 21614, 30003, 30004, 30005, 30006, 30007])

/** Writes the email that replaces a text that will never arrive. Returns false when none was made. */
export type EmailFallback = (row: NotificationRow, email: string) => Promise<boolean>

/**
 * Keeps each text's row in step with Twilio's reports: delivered, or failed with the error kept
 * for staff; a row only ever moves forward (a late "sent" after "delivered" changes nothing).
 */
export class DeliveryStatusService {
  constructor(
    private readonly store: StatusStore,
    private readonly emailFallback: EmailFallback,
    private readonly logger: Logger,
  ) {}

  async record(report: StatusReport): Promise<'updated' | 'unchanged' | 'unknown'> {
    const row = await this.store.find(report.messageSid, report.notificationId)
    if (!row) {
      this.logger.info({ status: report.status }, 'status callback for a message we do not know')
      return 'unknown'
    }
    const status = report.status.toLowerCase()
    if (row.state === 'sending') await this.store.settleSending(row.id, report.messageSid)
    if (status === 'delivered' || status === 'read') {
      return (await this.store.markDelivered(row.id, status)) ? 'updated' : 'unchanged'
    }
    if (status === 'undelivered' || status === 'failed') {
      const error = `Twilio ${status}${report.errorCode ? ` (error ${report.errorCode})` : ''}`
      if (!(await this.store.markFailed(row.id, status, error))) return 'unchanged'
      this.logger.warn({ notificationId: row.id, kind: row.kind, errorCode: report.errorCode }, 'text message not delivered')
      if (report.errorCode !== undefined && PERMANENT_SMS_ERRORS.has(report.errorCode)) await this.fallBackToEmail(row)
      return 'updated'
    }
    await this.store.noteStatus(row.id, status)
    return 'updated'
  }

  private async fallBackToEmail(row: NotificationRow): Promise<void> {
    if (row.bookingId === null) return
    const email = await this.store.emailFor(row.bookingId)
    if (!email) return
    const made = await this.emailFallback(row, email)
    if (made) this.logger.info({ notificationId: row.id, kind: row.kind }, 'text not delivered: emailing instead')
  }
}
