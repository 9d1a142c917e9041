import type { Channel } from '../../domain/notifications.js'
import type { BookingMessageContext, HubRow } from '../../data/notifications/message-context-repository.js'
import { paths } from '../../paths.js'
import { manageToken } from '../tokens.js'
import { placeOf, type Place } from './place.js'
import type { Language } from '../../i18n/languages.js'
import type { Translate } from '../../i18n/translator.js'
import type { LocaleFormat } from '../../i18n/format.js'

/** One session as a message describes it. */
export interface SessionFacts {
  id: number
  /** 1-based, among all the course's sessions. */
  number: number
  startsAt: Date
  endsAt: Date
  place: Place
  cancelled: boolean
}

/** What messages about a booking say. Built fresh for every send from the database. */
export interface BookingFacts {
  id: number
  reference: string
  status: string
  parentName: string
  /** The programme's title, e.g. "Understanding your child's behaviour". */
  title: string
  isDropIn: boolean
  /** Sessions still going ahead, in time order. */
  sessions: SessionFacts[]
  sessionCount: number
  first: SessionFacts | undefined
  /** Where the course meets (its first session's place). */
  place: Place
  /** Who to call with a question. */
  contact: HubRow | null
  manageUrl: string
  offerExpiresAt: Date | null
  waitlistPosition: number | undefined
  /** For session_moved / session_cancelled: that session. */
  changed: SessionFacts | undefined
  /** For session_moved, when the booking service recorded it: when the session used to start. */
  previousStartsAt: Date | undefined
  /** The booking's calendar_sequence when the message was recorded. */
  calendarSequence: number
  context: BookingMessageContext
}

/** Everything a template (email or text) can use. */
export interface MessageView {
  kind: string
  channel: Channel
  serviceName: string
  baseUrl: string
  payload: Record<string, unknown>
  booking: BookingFacts | undefined
  /** For find_my_bookings and password_reset: the link and when it stops working. */
  link: { url: string; expiresAt: Date | undefined } | undefined
  /**
   * The language the message is written in: the booking's (chosen when the family booked), the
   * payload's for messages with no booking (find my bookings), English for staff.
   */
  language: Language
  /** t() bound to that language; the namespace is part of the key ("messages:reminder.subject"). */
  t: Translate
  /** Dates, times and numbers as that language writes them, in London time. */
  format: LocaleFormat
}

export interface ViewSettings {
  baseUrl: string
  serviceName: string
  sessionSecret: string
}

function manageUrlFor(settings: Pick<ViewSettings, 'baseUrl' | 'sessionSecret'>, manageNonce: string): string {
  return `${settings.baseUrl}${paths.manage.show(manageToken(settings.sessionSecret, manageNonce))}`
}

export function bookingFacts(
  settings: ViewSettings,
  context: BookingMessageContext,
  sessionId: number | null,
  payload: Record<string, unknown>,
  /** What the message calls a place with no hub, in its language. */
  onlineName = 'Online',
): BookingFacts {
  const all = context.sessions.map((at, index) => ({
    id: at.session.id,
    number: index + 1,
    startsAt: at.session.startsAt,
    endsAt: at.session.endsAt,
    place: placeOf(context, at, onlineName),
    cancelled: at.session.cancelledAt !== null,
  }))
  const active = all.filter((session) => !session.cancelled)
  const first = active[0] ?? all[0]
  const place = first?.place ?? placeOf(context, undefined, onlineName)
  return {
    id: context.booking.id,
    reference: context.booking.reference,
    status: context.booking.status,
    parentName: context.family.parentName,
    title: context.programme.title,
    isDropIn: context.course.kind === 'drop_in',
    sessions: active,
    sessionCount: all.length,
    first,
    place,
    contact: context.hub ?? place.hub,
    manageUrl: manageUrlFor(settings, context.booking.manageNonce),
    offerExpiresAt: context.booking.offerExpiresAt,
    waitlistPosition: numberIn(payload, 'waitlistPosition'),
    changed: sessionId === null ? undefined : all.find((session) => session.id === sessionId),
    previousStartsAt: dateIn(payload, 'previousStartsAt'),
    calendarSequence: numberIn(payload, 'calendarSequence') ?? context.booking.calendarSequence,
    context,
  }
}

function numberIn(payload: Record<string, unknown>, key: string): number | undefined {
  const value = payload[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

export function dateIn(payload: Record<string, unknown>, key: string): Date | undefined {
  const value = payload[key]
  if (typeof value !== 'string') return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

export function stringIn(payload: Record<string, unknown>, key: string): string | undefined {
  const value = payload[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}
