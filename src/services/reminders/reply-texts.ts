import { formatShortDate, formatTime } from '../../time.js'
import { fitSms } from '../notifications/sms-text.js'
import type { SessionFacts } from '../notifications/text-messages.js'

/** Keeps each choice short enough that five still read as one message. */
const shortTitle = (title: string): string => title.slice(0, 32).trimEnd()

/**
 * The question back when a reply could mean more than one booking:
 * "Which booking? Reply CANCEL 1 for Baby Massage, Tue 3 Mar 10:30am, CANCEL 2 for ...".
 */
export function whichBookingReply(word: 'CANCEL' | 'YES', choices: readonly SessionFacts[]): string {
  const listed = choices.map(
    (facts, index) =>
      `${word} ${index + 1} for ${shortTitle(facts.title)}, ${formatShortDate(facts.startsAt)} ${formatTime(facts.startsAt)}`,
  )
  const lead = word === 'CANCEL' ? 'Which booking do you want to cancel?' : 'Which place do you want to take?'
  return `${lead} Reply ${listed.join(', ')}.`
}

/**
 * Reply to YES when the waiting-list place is now theirs. It is the family's only text about it
 * (the confirmation text is not sent as well), so it carries the reference.
 */
export function offerAcceptedReply(facts: SessionFacts, reference: string, emailed: boolean): string {
  const when = `${formatShortDate(facts.startsAt)}, ${formatTime(facts.startsAt)}`
  const tail = emailed ? " We'll email your booking details." : ''
  return fitSms(
    [
      ({ title, place }) => `You're booked: ${title}, ${when}, ${place}. Ref ${reference}.${tail}`,
      ({ title }) => `You're booked: ${title}, ${when}. Ref ${reference}.${tail}`,
      ({ title }) => `You're booked: ${title}, ${when}. Ref ${reference}.`,
    ],
    { title: facts.title, place: facts.place },
    { placeFirstCutTo: 40, shortestTitle: 20, shortestPlace: 10 },
  )
}
