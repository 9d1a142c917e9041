import type { MessageView, BookingFacts } from './message-view.js'
import { fitSms, smsCandidates, smsDate, smsWhen } from './sms-text.js'
import type { MessageKind } from './message-kind.js'
// One entry serves every reminder_* kind.
import { reminderMessageKind } from './reminder-message-kind.js'
import { newDatesMessageKind } from './new-dates-message.js'
import { refillMessageKinds } from './refill-message-kinds.js'

export type { MessageKind } from './message-kind.js'

const b = (view: MessageView): BookingFacts => {
  if (!view.booking) throw new Error(`The ${view.kind} message needs a booking`)
  return view.booking
}

/** ", Tue 3 Mar, 10:30am" or ", from Tue 3 Mar, 10:30am" for the first session, or "" when there is none. */
const startsText = (v: MessageView, facts: BookingFacts) =>
  facts.first
    ? v.t(facts.sessionCount > 1 ? 'messages:sms.startsFrom' : 'messages:sms.starts', { when: smsWhen(facts.first.startsAt, v.language) })
    : ''
/** "2pm Sat 20 Mar" (in a subject) or as texts write dates (see smsDate): when an offer must be taken by. */
const deadline = (v: MessageView, instant: Date | null, inText = false) =>
  instant
    ? v.t('messages:sms.deadline', {
        time: v.format.formatTime(instant),
        date: inText ? smsDate(instant, v.language) : v.format.formatShortDate(instant),
      })
    : v.t('messages:sms.soon')

/**
 * A kind's text: its wordings "messages:<kind>.sms.<variant>" tried in order by the SMS fitter,
 * with the title (and place) shortened when none fits whole. Every wording keeps the link (when the
 * kind has one), the reference and any deadline.
 */
function smsOf(v: MessageView, variants: readonly string[], values: Record<string, unknown>, place: string, lastResort?: 'tiny'): string {
  const keys = (list: readonly string[]) => list.map((variant) => `messages:${v.kind}.sms.${variant}`)
  const candidates = smsCandidates(v.t, keys(variants), values)
  return fitSms(
    candidates,
    { title: b(v).title, place },
    undefined,
    v.language,
    smsCandidates(v.t, keys(lastResort ? [lastResort] : []), values),
  )
}

const subjectOn = (v: MessageView, key: string, at: Date | undefined) =>
  at
    ? v.t(`messages:${key}.subjectOn`, { title: b(v).title, date: v.format.formatDate(at) })
    : v.t(`messages:${key}.subject`, { title: b(v).title })

const kinds: Readonly<Record<string, MessageKind>> = {
  booking_confirmed: {
    subject: (v) => subjectOn(v, 'booking_confirmed', b(v).first?.startsAt),
    sms: (v) => {
      const f = b(v)
      return smsOf(
        v,
        ['full', 'noWords', 'noPlace', 'bare'],
        { starts: startsText(v, f), reference: f.reference, url: f.manageUrl },
        f.place.name,
        'tiny',
      )
    },
    calendar: () => ({ method: 'REQUEST' }),
  },
  waitlist_joined: {
    subject: (v) => v.t('messages:waitlist_joined.subject', { title: b(v).title }),
    sms: (v) => {
      const f = b(v)
      const number = f.waitlistPosition
        ? v.t('messages:waitlist_joined.sms.number', { position: v.format.formatNumber(f.waitlistPosition) })
        : ''
      return smsOf(v, ['full', 'bare'], { number, reference: f.reference, url: f.manageUrl }, f.place.name, 'tiny')
    },
  },
  place_offered: {
    subject: (v) => v.t('messages:place_offered.subject', { title: b(v).title, until: deadline(v, b(v).offerExpiresAt) }),
    sms: (v) => {
      const f = b(v)
      const values = { starts: startsText(v, f), until: deadline(v, f.offerExpiresAt, true), reference: f.reference, url: f.manageUrl }
      return smsOf(v, ['full', 'short'], values, f.place.name, 'tiny')
    },
    staleBecause: (v) => {
      const f = b(v)
      if (f.status !== 'offered') return `the offer is no longer open (booking ${f.status})`
      if (f.offerExpiresAt && f.offerExpiresAt.getTime() <= Date.now()) return 'the offer ended before it could be sent'
      return undefined
    },
  },
  offer_expired: {
    subject: (v) => v.t('messages:offer_expired.subject', { title: b(v).title }),
    sms: (v) => {
      const f = b(v)
      return smsOf(v, f.contact ? ['call', 'bare'] : ['full', 'bare'], { reference: f.reference, phone: f.contact?.phone }, f.place.name)
    },
  },
  booking_cancelled: {
    subject: (v) => v.t('messages:booking_cancelled.subject', { title: b(v).title }),
    sms: (v) => {
      const f = b(v)
      return smsOf(v, ['full', 'bare'], { starts: startsText(v, f), reference: f.reference }, f.place.name)
    },
    calendar: () => ({ method: 'CANCEL' }),
  },
  waitlist_left: {
    subject: (v) => v.t('messages:waitlist_left.subject', { title: b(v).title }),
    sms: (v) => {
      const f = b(v)
      return smsOf(v, ['full', 'bare'], { starts: startsText(v, f), reference: f.reference }, f.place.name)
    },
  },
  session_moved: {
    subject: (v) => v.t('messages:session_moved.subject', { title: b(v).title }),
    sms: (v) => {
      const f = b(v)
      const s = f.changed ?? f.first
      const now = s ? smsWhen(s.startsAt, v.language) : ''
      const was = f.previousStartsAt ? v.t('messages:session_moved.sms.was', { when: smsWhen(f.previousStartsAt, v.language) }) : ''
      const values = { was, now, reference: f.reference, url: f.manageUrl }
      return smsOf(v, ['full', 'noWas', 'noPlace'], values, s?.place.name ?? f.place.name, 'tiny')
    },
    calendar: (v) => (b(v).status === 'confirmed' && b(v).changed ? { method: 'REQUEST', sessionIds: [b(v).changed!.id] } : undefined),
  },
  session_cancelled: {
    subject: (v) => subjectOn(v, 'session_cancelled', b(v).changed?.startsAt),
    sms: (v) => {
      const f = b(v)
      const when = f.changed ? v.t('messages:session_cancelled.sms.on', { when: smsWhen(f.changed.startsAt, v.language) }) : ''
      const place = f.changed?.place.name ?? f.place.name
      return smsOf(v, ['full', 'noPlace'], { when, reference: f.reference, url: f.manageUrl }, place, 'tiny')
    },
    // Only a family with the session in their calendar gets the CANCEL.
    calendar: (v) => (b(v).status === 'confirmed' && b(v).changed ? { method: 'CANCEL', sessionIds: [b(v).changed!.id] } : undefined),
  },
  find_my_bookings: {
    subject: (v) => v.t('messages:find_my_bookings.subject', { service: v.serviceName }),
    needsBooking: false,
  },
  // To a member of staff (services/staff/auth-service.ts); the renderer makes the link.
  password_reset: {
    subject: (v) => v.t('messages:password_reset.subject', { service: v.serviceName }),
    needsBooking: false,
  },
  // reminder_email_48h, reminder_sms_3h, ...: see reminder-message-kind.ts.
  reminder: reminderMessageKind,
  // "Tell me about new dates" (issue 10): places came up on a run of a programme.
  new_dates: newDatesMessageKind,
  // place_open_offer, place_gone: see refill-message-kinds.ts.
  ...refillMessageKinds,
}

/**
 * The definition for a kind: an exact match, else the longest kind in the table that prefixes it
 * followed by "_", so one entry "reminder" (with views/emails/reminder.*.ejs) would serve
 * reminder_email_48h and reminder_sms_3h. New kinds are added to the table above, with their words
 * in locales/<language>/messages.json under the kind: "<kind>.subject", "<kind>.sms.<variant>" and
 * the email's own keys.
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
