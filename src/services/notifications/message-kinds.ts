import { formatDate, formatShortDate, formatTime } from '../../time.js'
import type { MessageView, BookingFacts } from './message-view.js'
import { fitSms, smsWhen } from './sms-text.js'
import type { MessageKind } from './message-kind.js'
// One entry serves every reminder_* kind.
import { reminderMessageKind } from './reminder-message-kind.js'
import { refillMessageKinds } from './refill-message-kinds.js'

export type { MessageKind } from './message-kind.js'

const b = (view: MessageView): BookingFacts => {
  if (!view.booking) throw new Error(`The ${view.kind} message needs a booking`)
  return view.booking
}

/** "Tue 3 Mar" for the first session, or "" when there is none. */
const firstWhen = (facts: BookingFacts) => (facts.first ? smsWhen(facts.first.startsAt) : '')
const startsText = (facts: BookingFacts) =>
  facts.first ? `, ${facts.sessionCount > 1 ? 'from ' : ''}${smsWhen(facts.first.startsAt)}` : ''
const deadline = (instant: Date) => `${formatTime(instant)} ${formatShortDate(instant)}`

const kinds: Readonly<Record<string, MessageKind>> = {
  booking_confirmed: {
    subject: (v) => `Booking confirmed: ${b(v).title}${b(v).first ? `, ${formatDate(b(v).first!.startsAt)}` : ''}`,
    sms: (v) => {
      const f = b(v)
      return fitSms(
        [
          ({ title, place }) => `Booked: ${title}${startsText(f)}, ${place}. Ref ${f.reference}. View or cancel: ${f.manageUrl}`,
          ({ title, place }) => `Booked: ${title}${startsText(f)}, ${place}. Ref ${f.reference}. ${f.manageUrl}`,
          ({ title }) => `Booked: ${title}${startsText(f)}. Ref ${f.reference}. View or cancel: ${f.manageUrl}`,
          ({ title }) => `Booked: ${title}${startsText(f)}. Ref ${f.reference}. ${f.manageUrl}`,
        ],
        { title: f.title, place: f.place.name },
      )
    },
    calendar: () => ({ method: 'REQUEST' }),
  },
  waitlist_joined: {
    subject: (v) => `You're on the waiting list: ${b(v).title}`,
    sms: (v) => {
      const f = b(v)
      const number = f.waitlistPosition ? ` (number ${f.waitlistPosition})` : ''
      return fitSms(
        [
          ({ title }) =>
            `You're on the waiting list${number} for ${title}. We'll text if a place comes up. Ref ${f.reference}. ${f.manageUrl}`,
          ({ title }) => `On the waiting list${number}: ${title}. Ref ${f.reference}. ${f.manageUrl}`,
        ],
        { title: f.title, place: f.place.name },
      )
    },
  },
  place_offered: {
    subject: (v) => `A place is free for you: ${b(v).title} - reply by ${b(v).offerExpiresAt ? deadline(b(v).offerExpiresAt!) : 'soon'}`,
    sms: (v) => {
      const f = b(v)
      const until = f.offerExpiresAt ? deadline(f.offerExpiresAt) : 'soon'
      return fitSms(
        [
          ({ title }) =>
            `A place on ${title}${startsText(f)} is free for you. Reply YES by ${until} or accept at ${f.manageUrl} Ref ${f.reference}`,
          ({ title }) => `Place free: ${title}. Reply YES by ${until} or go to ${f.manageUrl} Ref ${f.reference}`,
          // Without the link, YES still works.
          ({ title }) => `A place on ${title}${startsText(f)} is free for you. Reply YES by ${until} to take it. Ref ${f.reference}`,
        ],
        { title: f.title, place: f.place.name },
      )
    },
    staleBecause: (v) => {
      const f = b(v)
      if (f.status !== 'offered') return `the offer is no longer open (booking ${f.status})`
      if (f.offerExpiresAt && f.offerExpiresAt.getTime() <= Date.now()) return 'the offer ended before it could be sent'
      return undefined
    },
  },
  offer_expired: {
    subject: (v) => `Your offer of a place has ended: ${b(v).title}`,
    sms: (v) => {
      const f = b(v)
      return fitSms(
        [
          ({ title }) =>
            `Your offer of a place on ${title} has ended, so it has gone to the next family. Ref ${f.reference}.${f.contact ? ` Questions? Call ${f.contact.phone}` : ''}`,
          ({ title }) => `Your offer of a place on ${title} has ended. Ref ${f.reference}.`,
        ],
        { title: f.title, place: f.place.name },
      )
    },
  },
  booking_cancelled: {
    subject: (v) => `Booking cancelled: ${b(v).title}`,
    sms: (v) => {
      const f = b(v)
      return fitSms(
        [
          ({ title }) =>
            `Cancelled: your place on ${title}${startsText(f)}. Ref ${f.reference}. Thank you for letting us know: it can now go to another family.`,
          ({ title }) => `Cancelled: your place on ${title}. Ref ${f.reference}.`,
        ],
        { title: f.title, place: f.place.name },
      )
    },
    calendar: () => ({ method: 'CANCEL' }),
  },
  waitlist_left: {
    subject: (v) => `You've left the waiting list: ${b(v).title}`,
    sms: (v) => {
      const f = b(v)
      return fitSms([({ title }) => `You've left the waiting list for ${title}${startsText(f)}. Ref ${f.reference}.`], {
        title: f.title,
        place: f.place.name,
      })
    },
  },
  session_moved: {
    subject: (v) => `Change to your session: ${b(v).title}`,
    sms: (v) => {
      const f = b(v)
      const s = f.changed ?? f.first
      const now = s ? smsWhen(s.startsAt) : firstWhen(f)
      const was = f.previousStartsAt ? ` on ${smsWhen(f.previousStartsAt)}` : ''
      return fitSms(
        [
          ({ title, place }) => `Change: ${title}${was} is now ${now}, ${place}. Ref ${f.reference}. ${f.manageUrl}`,
          ({ title, place }) => `Change: ${title} is now ${now}, ${place}. Ref ${f.reference}. ${f.manageUrl}`,
          ({ title }) => `Change: ${title} is now ${now}. Ref ${f.reference}. ${f.manageUrl}`,
          ({ title, place }) => `Change: ${title}${was} is now ${now}, ${place}. Ref ${f.reference}. Details by email.`,
        ],
        { title: f.title, place: s?.place.name ?? f.place.name },
      )
    },
    calendar: (v) => (b(v).status === 'confirmed' && b(v).changed ? { method: 'REQUEST', sessionIds: [b(v).changed!.id] } : undefined),
  },
  session_cancelled: {
    subject: (v) => `Session cancelled: ${b(v).title}${b(v).changed ? `, ${formatDate(b(v).changed!.startsAt)}` : ''}`,
    sms: (v) => {
      const f = b(v)
      const when = f.changed ? ` on ${smsWhen(f.changed.startsAt)}` : ''
      return fitSms(
        [
          ({ title, place }) => `Sorry, ${title}${when} at ${place} is cancelled. Ref ${f.reference}. ${f.manageUrl}`,
          ({ title }) => `Sorry, ${title}${when} is cancelled. Ref ${f.reference}. ${f.manageUrl}`,
          ({ title, place }) => `Sorry, ${title}${when} at ${place} is cancelled. Ref ${f.reference}.`,
        ],
        { title: f.title, place: f.changed?.place.name ?? f.place.name },
      )
    },
    // Only a family with the session in their calendar gets the CANCEL.
    calendar: (v) => (b(v).status === 'confirmed' && b(v).changed ? { method: 'CANCEL', sessionIds: [b(v).changed!.id] } : undefined),
  },
  find_my_bookings: {
    subject: (v) => `Your bookings: ${v.serviceName}`,
    needsBooking: false,
  },
  // To a member of staff (services/staff/auth-service.ts); the renderer makes the link.
  password_reset: {
    subject: (v) => `Reset your password: ${v.serviceName} staff`,
    needsBooking: false,
  },
  // reminder_email_48h, reminder_sms_3h, ...: see reminder-message-kind.ts.
  reminder: reminderMessageKind,
  // place_open_offer, place_gone: see refill-message-kinds.ts.
  ...refillMessageKinds,
}

/**
 * The definition for a kind: an exact match, else the longest kind in the table that prefixes it
 * followed by "_", so one entry "reminder" (with views/emails/reminder.*.ejs) would serve
 * reminder_email_48h and reminder_sms_3h. New kinds are added to the table above.
 */
export function messageKind(kind: string): (MessageKind & { template: string }) | undefined {
  const exact = kinds[kind]
  if (exact) return { ...exact, template: exact.template ?? kind }
  const prefix = Object.keys(kinds)
    .filter((name) => kind.startsWith(`${name}_`))
    .sort((x, y) => y.length - x.length)[0]
  if (!prefix) return undefined
  const found = kinds[prefix]!
  return { ...found, template: found.template ?? prefix }
}
