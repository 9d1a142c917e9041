import type { Language } from '../../i18n/languages.js'
import { translator } from '../../i18n/translator.js'
import { fitSms, smsWhen, type FitLimits } from './sms-text.js'

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

/**
 * These texts keep more of the title than booking messages do: a very long place is cut to 40
 * characters first, then the programme title (to 20 at the least), then the place again.
 */
export const REPLY_LIMITS: FitLimits = { placeFirstCutTo: 40, shortestTitle: 20, shortestPlace: 10 }

/**
 * One wording ("messages:<key>"), fitted by the one SMS fitter (sms-text.ts fitSms): one GSM-7
 * segment in English, at most two in the languages that need Unicode. A realistic title and hub
 * never need cutting in English (see the unit test).
 */
const fit = (language: Language, key: string, values: Record<string, unknown>, title: string, place: string): string => {
  const t = translator(language)
  return fitSms(
    [(parts) => t(`messages:${key}`, { ...values, title: parts.title, place: parts.place })],
    { title, place },
    REPLY_LIMITS,
    language,
  )
}

const hubPhone = (language: Language, hub: HubContact) =>
  translator(language)('messages:reply.hubPhone', { hub: hub.name, phone: hub.phone })

/** The reminder text: what, when, where, and the way out. */
export const reminderText = (s: SessionFacts, language: Language = 'en'): string =>
  fit(language, 'reminder.sms', { when: smsWhen(s.startsAt, language) }, s.title, s.place)

/** Reply to CANCEL once the booking is cancelled (for a course: every session of it). */
export const cancelledReply = (s: SessionFacts, language: Language = 'en'): string =>
  fit(language, 'reply.cancelled', { when: smsWhen(s.startsAt, language) }, s.title, '')

/** Reply to CANCEL when there is nothing of theirs to cancel. */
export const nothingToCancelReply = (hub: HubContact | undefined, language: Language = 'en'): string =>
  hub ? fit(language, 'reply.nothingToCancelCall', {}, '', hubPhone(language, hub)) : translator(language)('messages:reply.nothingToCancel')

/** Reply to YES when the offer has just ended. */
export const offerEndedReply = (hub: HubContact | undefined, language: Language = 'en'): string =>
  hub ? fit(language, 'reply.offerEndedCall', {}, '', hubPhone(language, hub)) : translator(language)('messages:reply.offerEnded')

/** Reply to STOP (the UK has no carrier-level opt-out reply, so we confirm it ourselves). */
export const optedOutReply = (language: Language = 'en'): string => translator(language)('messages:reply.optedOut')

export const optedInReply = (language: Language = 'en'): string => translator(language)('messages:reply.optedIn')

/** Reply to anything we cannot act on: who to call. */
export const helpReply = (hub: HubContact | undefined, language: Language = 'en'): string =>
  hub ? fit(language, 'reply.helpCall', {}, '', hubPhone(language, hub)) : translator(language)('messages:reply.help')
