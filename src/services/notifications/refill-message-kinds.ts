import type { MessageView, BookingFacts } from './message-view.js'
import type { MessageKind } from './message-kind.js'
import { dateIn } from './message-view.js'
import { fitSms, smsDate, type SmsTemplate } from './sms-text.js'

const facts = (view: MessageView): BookingFacts => {
  if (!view.booking) throw new Error(`The ${view.kind} message needs a booking`)
  return view.booking
}

/** When an open offer closes, from the row's payload (the offer's own time, fixed when it opened). */
const closesAt = (view: MessageView): Date | undefined => dateIn(view.payload, 'closesAt')

/** "5:00pm Tue 3 Mar" in the message's language: the exact deadline every offer shows. */
const deadline = (view: MessageView, at: Date | undefined): string =>
  at ? view.t('refill:deadline', { time: view.format.formatTime(at), date: view.format.formatShortDate(at) }) : ''

/** A text in the family's language, fitted like every other text (sms-text.ts): at most 2 segments, the link kept. */
function textIn(
  view: MessageView,
  candidates: SmsTemplate[],
  parts: { title: string; place: string },
  lastResort: SmsTemplate[] = [],
): string {
  return fitSms(candidates, parts, undefined, view.language, lastResort)
}

/** The deadline as a text gives it: the date in figures where the language's month names are long. */
const deadlineInText = (view: MessageView, at: Date | undefined): string =>
  at ? view.t('refill:deadline', { time: view.format.formatTime(at), date: smsDate(at, view.language) }) : ''

/** The new kinds of the refill work (place_open_offer, place_gone), added to message-kinds.ts. */
export const refillMessageKinds: Readonly<Record<string, MessageKind>> = {
  // To every family waiting at once: the first to accept gets the place.
  place_open_offer: {
    subject: (v) => v.t('refill:openOffer.subject', { title: facts(v).title, deadline: deadline(v, closesAt(v)) }),
    sms: (v) => {
      const f = facts(v)
      const when = f.first ? `${v.format.formatShortDate(f.first.startsAt)} ${v.format.formatTime(f.first.startsAt)}` : ''
      const by = deadlineInText(v, closesAt(v))
      return textIn(
        v,
        [
          ({ title }) => v.t('refill:openOffer.sms', { title, when, deadline: by, reference: f.reference, url: f.manageUrl }),
          ({ title }) => v.t('refill:openOffer.smsShort', { title, deadline: by, reference: f.reference, url: f.manageUrl }),
        ],
        { title: f.title, place: f.place.name },
        [({ title }) => v.t('refill:openOffer.smsTiny', { title, deadline: by, reference: f.reference, url: f.manageUrl })],
      )
    },
    staleBecause: (v) => {
      const f = facts(v)
      if (f.status !== 'waiting') return `the family is no longer waiting (booking ${f.status})`
      const closes = closesAt(v)
      if (closes && closes.getTime() <= Date.now()) return 'the open offer closed before it could be sent'
      return undefined
    },
  },
  // To the families told of an open offer once its places were taken: they stay in the queue.
  place_gone: {
    subject: (v) => v.t('refill:gone.subject', { title: facts(v).title }),
    sms: (v) => {
      const f = facts(v)
      return textIn(
        v,
        [
          ({ title }) => v.t('refill:gone.sms', { title, reference: f.reference }),
          ({ title }) => v.t('refill:gone.smsShort', { title, reference: f.reference }),
        ],
        { title: f.title, place: f.place.name },
      )
    },
    staleBecause: (v) => (facts(v).status === 'waiting' ? undefined : `the family is no longer waiting (booking ${facts(v).status})`),
  },
}
