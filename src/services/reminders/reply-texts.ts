import type { Language } from '../../i18n/languages.js'
import { localeFormat } from '../../i18n/format.js'
import { translator } from '../../i18n/translator.js'
import { fitSms, smsWhen } from '../notifications/sms-text.js'
import { REPLY_LIMITS, type SessionFacts } from '../notifications/text-messages.js'
import { replyWords } from './reply-intent.js'

/** Keeps each choice short enough that five still read as one message. */
const shortTitle = (title: string): string => title.slice(0, 32).trimEnd()

/**
 * The question back when a reply could mean more than one booking:
 * "Which booking? Reply CANCEL 1 for Baby Massage, Tue 3 Mar 10:30am, CANCEL 2 for ...". The word
 * is the language's own (ANULUJ 1, TAK 2); the English word works too.
 */
export function whichBookingReply(word: 'CANCEL' | 'YES', choices: readonly SessionFacts[], language: Language = 'en'): string {
  const t = translator(language)
  const format = localeFormat(language)
  const said = replyWords(language)[word === 'CANCEL' ? 'cancel' : 'yes']
  const listed = choices.map((facts, index) =>
    t('messages:reply.choice', {
      word: said,
      number: index + 1,
      title: shortTitle(facts.title),
      date: format.formatShortDate(facts.startsAt),
      time: format.formatTime(facts.startsAt),
    }),
  )
  return t(word === 'CANCEL' ? 'messages:reply.whichCancel' : 'messages:reply.whichYes', {
    choices: listed.join(t('messages:reply.choiceSeparator')),
  })
}

/**
 * Reply to YES when the waiting-list place is now theirs. It is the family's only text about it
 * (the confirmation text is not sent as well), so it carries the reference.
 */
export function offerAcceptedReply(facts: SessionFacts, reference: string, emailed: boolean, language: Language = 'en'): string {
  const t = translator(language)
  const values = { when: smsWhen(facts.startsAt, language), reference, tail: emailed ? t('messages:reply.booked.emailed') : '' }
  return fitSms(
    ['full', 'noPlace', 'bare'].map((variant) => (parts) => t(`messages:reply.booked.${variant}`, { ...values, ...parts })),
    { title: facts.title, place: facts.place },
    REPLY_LIMITS,
    language,
  )
}
