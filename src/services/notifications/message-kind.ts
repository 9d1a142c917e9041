import type { MessageView } from './message-view.js'

/** An invite to attach: METHOD and which sessions (default: all). */
interface CalendarAttachment {
  method: 'REQUEST' | 'CANCEL'
  sessionIds?: number[]
}

/**
 * What the delivery service needs to know about a kind of message. The email body is
 * views/emails/<template>.html.ejs and .text.ejs, where template defaults to the kind.
 */
export interface MessageKind {
  /** Email subject line. */
  subject(view: MessageView): string
  /** The text message: at most two segments (see sms-text.ts). Absent: the kind is email only and a text row is skipped. */
  sms?(view: MessageView): string
  /** A calendar invite to attach to the email, if any. */
  calendar?(view: MessageView): CalendarAttachment | undefined
  /**
   * Checked just before sending. A reason returned means the message no longer makes sense (an
   * offer that ended while mail was down) and the row is skipped with that reason.
   */
  staleBecause?(view: MessageView): string | undefined
  /** Needs the row's booking (default true). */
  needsBooking?: boolean
  template?: string
}
