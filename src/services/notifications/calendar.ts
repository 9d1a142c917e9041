import ical, { ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator'
import { DateTime } from 'luxon'
import type { BookingMessageContext, SessionAtPlace } from '../../data/notifications/message-context-repository.js'
import { LONDON } from '../../time.js'
import { placeOf } from './place.js'
import { translator } from '../../i18n/translator.js'

/**
 * REQUEST adds or updates events in the family's calendar (confirmation, a moved session); CANCEL
 * removes them; PUBLISH is for the .ics download on the confirmation page (a file to import, not an
 * invitation to answer). All three use the same UIDs, so a later email updates what was imported.
 */
type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH'

export interface BookingCalendarOptions {
  method: CalendarMethod
  /** The booking's private manage link, put in each event's description. */
  manageUrl: string
  /** The service's public base URL: its host names the UIDs. */
  baseUrl: string
  serviceName: string
  /** Organiser address when the hub has no email of its own (MAIL_FROM's address). */
  fallbackOrganizerEmail: string
  /**
   * The booking's calendar_sequence as it was when the event happened (the notification row's
   * payload), so an invite delivered late never outranks a later change. Default: the booking's now.
   */
  calendarSequence?: number | undefined
  /** Only these sessions (a moved or cancelled one). Default: every session. */
  sessionIds?: number[] | undefined
  /** The family, on an emailed invitation. */
  attendee?: { name: string; email: string } | undefined
}

/** One UID per (booking, session), the same in every invite about it. */
export function eventUid(bookingId: number, sessionId: number, baseUrl: string): string {
  return `booking-${bookingId}-session-${sessionId}@${new URL(baseUrl).hostname}`
}

/** SEQUENCE goes up with every change to the booking (calendar_sequence) or to the session (sequence). */
const eventSequence = (calendarSequence: number, session: SessionAtPlace['session']): number => calendarSequence + session.sequence

/** An empty calendar named for the service, with Europe/London's VTIMEZONE; no METHOD for a subscribed feed. */
export function newCalendar(serviceName: string, method?: CalendarMethod): ICalCalendar {
  const calendar = ical({
    prodId: { company: serviceName, product: 'Family hub bookings', language: 'EN' },
    ...(method ? { method: ICalCalendarMethod[method] } : {}),
  })
  calendar.timezone({ name: null, generator: vtimezone })
  return calendar
}

/** What one booked session's event needs besides the booking: links, names, and whether it is off. */
export type BookingEventOptions = Pick<
  BookingCalendarOptions,
  'manageUrl' | 'baseUrl' | 'serviceName' | 'fallbackOrganizerEmail' | 'attendee'
> & {
  calendarSequence: number
  cancelled: boolean
  /** DTSTAMP; default now. */
  stamp?: DateTime | undefined
}

/**
 * One booked session as a VEVENT: the same UID, SEQUENCE, title and description in an emailed
 * invite, the .ics download and the family's subscribed feed, so each updates the others.
 */
export function addBookingEvent(
  calendar: ICalCalendar,
  context: BookingMessageContext,
  at: SessionAtPlace,
  options: BookingEventOptions,
): void {
  // In the language the family booked in, like every other message to them.
  const t = translator(context.booking.language)
  const title = context.programme.title
  const place = placeOf(context, at, t('messages:sms.online'))
  const number = context.sessions.indexOf(at) + 1
  const summary = context.sessions.length > 1 ? t('messages:calendar.sessionOf', { title, number, count: context.sessions.length }) : title
  const description = [
    t('messages:calendar.reference', { reference: context.booking.reference }),
    t('messages:calendar.manage', { url: options.manageUrl }),
    place.onlineUrl ? t('messages:calendar.joinOnline', { url: place.onlineUrl }) : undefined,
    place.hub ? t('messages:calendar.hubPhone', { hub: place.hub.name, phone: place.hub.phone }) : undefined,
  ].filter(Boolean)
  calendar.createEvent({
    id: eventUid(context.booking.id, at.session.id, options.baseUrl),
    sequence: eventSequence(options.calendarSequence, at.session),
    start: DateTime.fromJSDate(at.session.startsAt, { zone: LONDON }),
    end: DateTime.fromJSDate(at.session.endsAt, { zone: LONDON }),
    timezone: LONDON,
    stamp: options.stamp ?? DateTime.utc(),
    summary,
    location: place.room ? `${place.room}, ${place.oneLine}` : place.oneLine,
    description: description.join('\n'),
    url: options.manageUrl,
    status: options.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: place.hub?.name ?? options.serviceName, email: place.hub?.email ?? options.fallbackOrganizerEmail },
    ...(options.attendee
      ? {
          attendees: [
            {
              name: options.attendee.name,
              email: options.attendee.email,
              rsvp: false,
              status: options.cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
            },
          ],
        }
      : {}),
  })
}

/**
 * The booking's calendar: one VEVENT per session, times in Europe/London with its VTIMEZONE, the
 * hub's address as the location and the manage link in the description. A REQUEST leaves out
 * cancelled sessions; a CANCEL lists each event it removes, marked CANCELLED.
 */
export function bookingCalendar(context: BookingMessageContext, options: BookingCalendarOptions): string {
  const calendar = newCalendar(options.serviceName, options.method)
  const sequence = options.calendarSequence ?? context.booking.calendarSequence
  const selected = context.sessions.filter((at) => (options.sessionIds ? options.sessionIds.includes(at.session.id) : true))
  const included = options.method === 'CANCEL' ? selected : selected.filter((at) => at.session.cancelledAt === null)
  included.forEach((at) =>
    addBookingEvent(calendar, context, at, { ...options, calendarSequence: sequence, cancelled: options.method === 'CANCEL' }),
  )
  return calendar.toString()
}

/**
 * Europe/London as a VTIMEZONE, so calendars read DTSTART;TZID=Europe/London the same way we
 * meant it. The UK's rules since 1996 (the EU's): BST from 01:00 UTC on the last Sunday of March,
 * GMT from 01:00 UTC on the last Sunday of October. Written out rather than generated because they
 * are the only zone this service uses (a unit test checks them against luxon's time zone data).
 */
export const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'X-LIC-LOCATION:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n')

function vtimezone(timezone: string): string | null {
  return timezone === LONDON ? LONDON_VTIMEZONE : null
}
