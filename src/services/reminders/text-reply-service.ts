import { parsePhoneNumberFromString } from 'libphonenumber-js'
import type { BookingMessageContext } from '../../data/notifications/message-context-repository.js'
import type { Logger } from '../../logger.js'
import type { AcceptResult, CancelResult } from '../booking/booking-types.js'
import type { Tx } from '../../db/database.js'
import {
  cancelledReply,
  helpReply,
  nothingToCancelReply,
  offerEndedReply,
  optedInReply,
  optedOutReply,
  type HubContact,
  type SessionFacts,
} from '../notifications/text-messages.js'
import type { ReminderService } from './reminder-service.js'
import type { ReplyStore } from '../../data/reminders/reply-store.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { defaultLanguage, type Language } from '../../i18n/languages.js'
import { replyChoice, replyIntent, type ReplyIntent } from './reply-intent.js'
import { cancelTarget, offerTarget, type ReplyTarget } from './reply-target.js'
import { offerAcceptedReply, whichBookingReply } from './reply-texts.js'
import { translator } from '../../i18n/translator.js'

/** YES to an open offer that has gone: kind, in the family's language; they are still waiting. */
const placeGoneReply = (language: Language): string => translator(language)('refill:gone.reply')

/** What this service needs of the booking service: the same rules as the manage link. */
export interface BookingActions {
  /** `audit` runs in the change's own transaction: here, to skip the text the reply makes redundant. */
  cancel(bookingId: number, options: { reason?: string | null; now?: Date; audit?: (tx: Tx) => Promise<void> }): Promise<CancelResult>
  acceptOffer(bookingId: number, options: { now?: Date; audit?: (tx: Tx) => Promise<void> }): Promise<AcceptResult>
}

/** The action recorded for a question back; its row keeps what the numbers meant (details.choices). */
const ASKED = { cancel: 'asked_which_to_cancel', yes: 'asked_which_offer' } as const

export interface MessageContexts {
  forBooking(bookingId: number): Promise<BookingMessageContext | undefined>
}

export interface InboundText {
  /** Twilio's MessageSid: the same on a retried webhook. */
  messageSid: string | undefined
  from: string
  body: string
}

export interface ReplyOutcome {
  intent: ReplyIntent | 'duplicate'
  /** What was done, as recorded in inbound_messages.action. */
  action: string
  /** The text sent back, if any. */
  reply: string | undefined
  bookingId?: number
  /** For a question back: the bookings "1", "2", ... stand for, in order. */
  choices?: number[]
}

const CANCELLED_BY_TEXT_REASON = 'Replied CANCEL to a text message'

/** +447700900123 from any way a UK number is written; other numbers as Twilio gave them. */
function toE164(phone: string): string {
  return parsePhoneNumberFromString(phone.trim(), 'GB')?.number ?? phone.trim()
}

/**
 * Acts on a family's reply to a text: CANCEL cancels the booking the texts were about (its place
 * goes to the waiting list, as from the manage link), YES accepts an open waiting-list offer, STOP
 * and the other opt-out words stop all texts to the number, START brings them back, and anything
 * else gets the hub's phone number. Each reply is recorded with what was done.
 */
export class TextReplyService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly store: ReplyStore,
    private readonly reminders: ReminderService,
    private readonly booking: BookingActions,
    private readonly contexts: MessageContexts,
    private readonly logger: Logger,
  ) {}

  /** `now`: a clock for tests and the demo's simulated past (also the row's received_at); else the time now. */
  async handle(text: InboundText, clock?: Date): Promise<ReplyOutcome> {
    const now = clock ?? new Date()
    const phone = toE164(text.from)
    const claimed = await this.store.claim({
      providerMessageId: text.messageSid ?? null,
      fromPhone: phone,
      body: text.body.slice(0, 2000),
      receivedAt: clock,
    })
    if (!claimed) {
      // A retried webhook: answer as the first time, do nothing again.
      const earlier = text.messageSid ? await this.store.findByProviderId(text.messageSid) : undefined
      const reply = (earlier?.details as { reply?: string } | null | undefined)?.reply
      return { intent: 'duplicate', action: 'duplicate', reply }
    }
    const intent = replyIntent(text.body)
    const outcome = await this.act(intent, phone, now, replyChoice(text.body))
    await this.store.finish(claimed.id, outcome.action, {
      intent,
      reply: outcome.reply ?? null,
      bookingId: outcome.bookingId ?? null,
      ...(outcome.choices ? { choices: outcome.choices } : {}),
    })
    this.logger.info({ inboundId: claimed.id, intent, action: outcome.action, bookingId: outcome.bookingId }, 'text reply handled')
    return outcome
  }

  private async act(intent: ReplyIntent, phone: string, now: Date, choice: number | undefined): Promise<ReplyOutcome> {
    switch (intent) {
      case 'opt_out': {
        const cancelled = await this.unitOfWork.run((tx) => this.reminders.optOut(tx, phone))
        this.logger.info({ cancelled }, 'number opted out of texts')
        return { intent, action: 'opted_out', reply: optedOutReply(await this.languageFor(phone)) }
      }
      case 'opt_in':
        await this.unitOfWork.run((tx) => this.reminders.optIn(tx, phone, now))
        return { intent, action: 'opted_in', reply: optedInReply(await this.languageFor(phone)) }
      case 'cancel':
        return this.cancel(phone, now, choice)
      case 'yes':
        return this.accept(phone, now, choice)
      default:
        return { intent, action: 'replied_with_hub_phone', reply: helpReply(...(await this.hubFor(phone))) }
    }
  }

  /**
   * "CANCEL": the booking of the latest text to this number, or a numbered question when that is
   * not clear. "CANCEL 2": the second booking of the question asked within the last day; a number
   * with no such question (or out of range) is asked again rather than guessed.
   */
  private async cancel(phone: string, now: Date, choice: number | undefined): Promise<ReplyOutcome> {
    const cancellable = await this.store.cancellableBookings(phone, now)
    const chosen = choice === undefined ? undefined : await this.chosen(phone, ASKED.cancel, choice, now)
    const target: ReplyTarget =
      chosen !== undefined
        ? { kind: 'one', bookingId: chosen }
        : choice !== undefined
          ? cancelTarget(undefined, cancellable)
          : cancelTarget(await this.store.latestSend(phone), cancellable)
    if (target.kind === 'none')
      return { intent: 'cancel', action: 'nothing_to_cancel', reply: nothingToCancelReply(...(await this.hubFor(phone))) }
    if (target.kind === 'ask') return this.askWhich('cancel', target.choices, now)
    const bookingId = target.bookingId
    const context = await this.contexts.forBooking(bookingId)
    if (!context) return { intent: 'cancel', action: 'nothing_to_cancel', reply: nothingToCancelReply(...(await this.hubFor(phone))) }
    const facts = factsOf(context, now)
    const audit = (tx: Tx) => this.store.answeredInReply(tx, bookingId, 'booking_cancelled')
    const result = await this.booking.cancel(bookingId, { reason: CANCELLED_BY_TEXT_REASON, now, audit })
    if (result.outcome !== 'cancelled')
      return {
        intent: 'cancel',
        action: 'nothing_to_cancel',
        reply: nothingToCancelReply(hubOf(context, now), context.booking.language),
        bookingId,
      }
    return { intent: 'cancel', action: 'cancelled_booking', reply: cancelledReply(facts, context.booking.language), bookingId }
  }

  /** "YES": the offer of the latest text, else the only open offer, else a numbered question. */
  private async accept(phone: string, now: Date, choice: number | undefined): Promise<ReplyOutcome> {
    // Exclusive offers and open offers alike: YES takes the place (an open offer, if still free).
    const offers = [...(await this.store.openOffers(phone, now)), ...(await this.store.liveOpenOffers(phone, now))]
    const chosen = choice === undefined ? undefined : await this.chosen(phone, ASKED.yes, choice, now)
    const target: ReplyTarget =
      chosen !== undefined ? { kind: 'one', bookingId: chosen } : offerTarget(await this.store.latestSend(phone), offers)
    if (target.kind === 'none') return this.noOfferToAccept(phone, now)
    if (target.kind === 'ask') return this.askWhich('yes', target.choices, now)
    const bookingId = target.bookingId
    const context = await this.contexts.forBooking(bookingId)
    if (!context) return { intent: 'yes', action: 'no_open_offer', reply: helpReply(...(await this.hubFor(phone))) }
    const audit = (tx: Tx) => this.store.answeredInReply(tx, bookingId, 'booking_confirmed')
    const result = await this.booking.acceptOffer(bookingId, { now, audit })
    if (result.outcome === 'confirmed') {
      const emailed = context.family.contactByEmail && !!context.family.email
      return {
        intent: 'yes',
        action: 'accepted_offer',
        reply: offerAcceptedReply(factsOf(context, now), context.booking.reference, emailed, context.booking.language),
        bookingId,
      }
    }
    if (result.outcome === 'place_gone')
      return { intent: 'yes', action: 'place_gone', reply: placeGoneReply(context.booking.language), bookingId }
    if (result.outcome === 'offer_expired')
      return { intent: 'yes', action: 'offer_ended', reply: offerEndedReply(hubOf(context, now), context.booking.language), bookingId }
    return { intent: 'yes', action: 'no_open_offer', reply: helpReply(hubOf(context, now), context.booking.language), bookingId }
  }

  /** YES with nothing to accept: kindly "it has gone" after an open offer someone else took, else who to call. */
  private async noOfferToAccept(phone: string, now: Date): Promise<ReplyOutcome> {
    const gone = await this.store.goneOpenOffer(phone, now)
    const context = gone === undefined ? undefined : await this.contexts.forBooking(gone)
    if (context) return { intent: 'yes', action: 'place_gone', reply: placeGoneReply(context.booking.language), bookingId: gone }
    return { intent: 'yes', action: 'no_open_offer', reply: helpReply(...(await this.hubFor(phone))) }
  }

  /** The booking a number stood for in the open question to this phone, if there is one. */
  private async chosen(phone: string, askedAction: string, choice: number, now: Date): Promise<number | undefined> {
    const choices = await this.store.openChoices(phone, askedAction, now)
    return choices?.[choice - 1]
  }

  private async askWhich(intent: 'cancel' | 'yes', choices: number[], now: Date): Promise<ReplyOutcome> {
    const facts: SessionFacts[] = []
    const kept: number[] = []
    let language: Language | undefined
    for (const bookingId of choices) {
      const context = await this.contexts.forBooking(bookingId)
      if (!context) continue
      facts.push(factsOf(context, now))
      kept.push(bookingId)
      // The question is in the language of the first booking it lists (the soonest, or the latest offer).
      language ??= context.booking.language
    }
    const reply = whichBookingReply(intent === 'cancel' ? 'CANCEL' : 'YES', facts, language)
    return { intent, action: ASKED[intent], reply, choices: kept }
  }

  /** The hub of the number's latest booking and that booking's language (English when none is known). */
  private async hubFor(phone: string): Promise<[HubContact | undefined, Language]> {
    const context = await this.latestContext(phone)
    return context ? [hubOf(context, new Date()), context.booking.language] : [undefined, defaultLanguage]
  }

  private async languageFor(phone: string): Promise<Language> {
    return (await this.latestContext(phone))?.booking.language ?? defaultLanguage
  }

  private async latestContext(phone: string): Promise<BookingMessageContext | undefined> {
    const bookingId = await this.store.latestBooking(phone)
    return (bookingId === undefined ? undefined : await this.contexts.forBooking(bookingId)) ?? undefined
  }
}

/** The session a reply talks about: the next one ahead, else the last. */
function nextSession(context: BookingMessageContext, now: Date) {
  const live = context.sessions.filter((s) => !s.session.cancelledAt)
  return live.find((s) => s.session.startsAt > now) ?? live.at(-1) ?? context.sessions.at(-1)
}

function factsOf(context: BookingMessageContext, now: Date): SessionFacts {
  const next = nextSession(context, now)
  const hub = next?.hub ?? context.hub
  return {
    title: context.programme.title,
    startsAt: next?.session.startsAt ?? now,
    place: hub?.name ?? 'online',
  }
}

function hubOf(context: BookingMessageContext, now: Date): HubContact | undefined {
  const hub = nextSession(context, now)?.hub ?? context.hub
  return hub ? { name: hub.name, phone: hub.phone } : undefined
}
