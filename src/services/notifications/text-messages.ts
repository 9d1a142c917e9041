import { formatShortDate, formatTime } from '../../time.js'
import { fitSms, type FitLimits } from './sms-text.js'

/** What a text says about a session: the programme, when, and where. */
export interface SessionFacts {
  title: string
  startsAt: Date
  /** The hub's name, or "online". */
  place: string
}

export interface HubContact {
  name: string
  phone: string
}

/** "Wed 30 Sep, 10:30am" */
const when = (startsAt: Date): string => `${formatShortDate(startsAt)}, ${formatTime(startsAt)}`

/**
 * These texts keep more of the title than booking messages do: a very long place is cut to 40
 * characters first, then the programme title (to 20 at the least), then the place again.
 */
const REPLY_LIMITS: FitLimits = { placeFirstCutTo: 40, shortestTitle: 20, shortestPlace: 10 }

/**
 * One wording, fitted into one GSM-7 segment by the one SMS fitter (sms-text.ts fitSms). A
 * realistic title and hub never need cutting (see the unit test).
 */
const fit = (template: (title: string, place: string) => string, title: string, place: string): string =>
  fitSms([(parts) => template(parts.title, parts.place)], { title, place }, REPLY_LIMITS)

/** The reminder text: what, when, where, and the way out. */
export const reminderText = (s: SessionFacts): string =>
  fit((title, place) => `Reminder: ${title}, ${when(s.startsAt)}, ${place}. Reply CANCEL if you can't come.`, s.title, s.place)

/** Reply to CANCEL once the booking is cancelled (for a course: every session of it). */
export const cancelledReply = (s: SessionFacts): string =>
  fit(
    (title) => `Cancelled: ${title}, ${when(s.startsAt)}. Thanks for letting us know, your place can now go to another family.`,
    s.title,
    '',
  )

/** Reply to CANCEL when there is nothing of theirs to cancel. */
export const nothingToCancelReply = (hub: HubContact | undefined): string =>
  hub
    ? fit((_, place) => `We could not find a booking to cancel for this number. Please call ${place}.`, '', `${hub.name} on ${hub.phone}`)
    : 'We could not find a booking to cancel for this number. Please use the link in your booking email or call your family hub.'

/** Reply to YES when the waiting-list place is now theirs. */
export const offerAcceptedReply = (s: SessionFacts): string =>
  fit((title, place) => `You're booked: ${title}, ${when(s.startsAt)}, ${place}. We'll send your booking details.`, s.title, s.place)

/** Reply to YES when the offer has just ended. */
export const offerEndedReply = (hub: HubContact | undefined): string =>
  hub
    ? fit((_, place) => `Sorry, that offer has ended. To ask about a place, call ${place}.`, '', `${hub.name} on ${hub.phone}`)
    : 'Sorry, that offer has ended. To ask about a place, please call your family hub.'

/** Reply to STOP (the UK has no carrier-level opt-out reply, so we confirm it ourselves). */
export const optedOutReply = (): string => "You won't get any more texts from Family Hubs. Reply START to get them again."

export const optedInReply = (): string => "You'll get texts from Family Hubs again. Reply STOP to stop them."

/** Reply to anything we cannot act on: who to call. */
export const helpReply = (hub: HubContact | undefined): string =>
  hub
    ? fit(
        (_, place) => `Sorry, we can't read replies other than CANCEL, YES or STOP. Please call ${place}.`,
        '',
        `${hub.name} on ${hub.phone}`,
      )
    : "Sorry, we can't read replies other than CANCEL, YES or STOP. Please call your family hub."
