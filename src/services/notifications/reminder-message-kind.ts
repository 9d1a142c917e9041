import type { MessageKind } from './message-kind.js'
import type { BookingFacts, MessageView, SessionFacts } from './message-view.js'
import { dateIn } from './message-view.js'
import { reminderText } from './text-messages.js'

const facts = (view: MessageView): BookingFacts => {
  if (!view.booking) throw new Error('A reminder needs a booking')
  return view.booking
}

/** The session the reminder is for (the row's session_id). */
const sessionOf = (view: MessageView): SessionFacts | undefined => facts(view).changed

/**
 * Every reminder kind (reminder_email_48h, reminder_sms_3h, ... and the email sent instead of a
 * text that could not be delivered): the delivery worker finds this entry by the "reminder" prefix.
 * The email is views/emails/reminder_session.{html,text}.ejs with the manage link; the text is
 * text-messages.ts reminderText, one GSM-7 segment in English ending "Reply CANCEL if you can't come."
 */
export const reminderMessageKind: MessageKind = {
  template: 'reminder_session',
  subject: (view) => {
    const session = sessionOf(view)
    const title = facts(view).title
    return session
      ? view.t('messages:reminder.subjectAt', {
          title,
          date: view.format.formatDate(session.startsAt),
          time: view.format.formatTime(session.startsAt),
        })
      : view.t('messages:reminder.subject', { title })
  },
  sms: (view) => {
    const session = sessionOf(view)
    const b = facts(view)
    return reminderText(
      {
        title: b.title,
        startsAt: session?.startsAt ?? b.first?.startsAt ?? new Date(),
        place: session?.place.name ?? b.place.name,
      },
      view.language,
    )
  },
  /**
   * Checked just before sending. The planner moves and cancels rows inside the transactions that
   * change bookings and sessions; this catches a row claimed just before such a change, and a
   * reminder held up (mail down for hours) until it would arrive after the session began.
   */
  staleBecause: (view) => {
    const b = facts(view)
    const session = sessionOf(view)
    if (b.status !== 'confirmed') return `the booking is ${b.status}`
    // Consent withdrawn since the reminder was planned (a staff edit that did not re-plan).
    const family = b.context.family
    if (view.channel === 'sms' && !family.contactBySms) return 'the family no longer agrees to texts'
    if (view.channel === 'email' && !family.contactByEmail) return 'the family no longer agrees to emails'
    if (!session) return 'the session no longer exists'
    if (session.cancelled) return 'the session was cancelled'
    if (session.startsAt.getTime() <= Date.now()) return 'the session has already started'
    const plannedFor = dateIn(view.payload, 'sessionStartsAt')
    if (plannedFor && plannedFor.getTime() !== session.startsAt.getTime()) return 'the session moved; its reminders were planned again'
    return undefined
  },
}
