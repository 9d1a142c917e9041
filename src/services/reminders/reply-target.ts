/** Which booking a CANCEL or YES reply is about, or a question back when that is not clear. */
export type ReplyTarget = { kind: 'one'; bookingId: number } | { kind: 'ask'; choices: number[] } | { kind: 'none' }

/** At most this many bookings are offered as numbered choices: more would not fit a text. */
const MAX_CHOICES = 5

const ask = (candidates: readonly number[]): ReplyTarget => ({ kind: 'ask', choices: candidates.slice(0, MAX_CHOICES) })

/** The one booking the latest send was about, if it was about exactly one. */
function onlyBookingOf(latestSend: readonly (number | null)[] | undefined): number | undefined {
  return latestSend?.length === 1 && latestSend[0] !== null ? latestSend[0] : undefined
}

/**
 * CANCEL acts on the booking of the latest text to the number, and only on that: when the latest
 * send was about no booking, about several, or about one that can no longer be cancelled, the
 * family is asked which (a wrong guess would give away a place they meant to keep).
 * `cancellable`: the number's bookings that can be cancelled, soonest first.
 */
export function cancelTarget(latestSend: readonly (number | null)[] | undefined, cancellable: readonly number[]): ReplyTarget {
  if (cancellable.length === 0) return { kind: 'none' }
  const about = onlyBookingOf(latestSend)
  return about !== undefined && cancellable.includes(about) ? { kind: 'one', bookingId: about } : ask(cancellable)
}

/**
 * YES accepts the offer of the latest text when that is an open offer; else the number's only
 * open offer (nothing else YES could mean); with several and no text to tell them apart, it asks.
 * `offers`: the number's open offers, latest first.
 */
export function offerTarget(latestSend: readonly (number | null)[] | undefined, offers: readonly number[]): ReplyTarget {
  if (offers.length === 0) return { kind: 'none' }
  const about = onlyBookingOf(latestSend)
  if (about !== undefined && offers.includes(about)) return { kind: 'one', bookingId: about }
  return offers.length === 1 ? { kind: 'one', bookingId: offers[0]! } : ask(offers)
}
