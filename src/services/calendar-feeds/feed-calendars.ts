import { DateTime } from 'luxon'
import { ICalEventStatus } from 'ical-generator'
import type { Config } from '../../config.js'
import type { Executor } from '../../db/database.js'
import type { MessageContextRepository } from '../../data/notifications/message-context-repository.js'
import type { FeedSessionRepository, StaffFeedFilter, StaffFeedSession } from '../../data/calendar-feeds/feed-sessions.js'
import { paths } from '../../paths.js'
import { LONDON } from '../../time.js'
import { addBookingEvent, newCalendar } from '../notifications/calendar.js'
import { addressOf } from '../notifications/message-renderer.js'
import { manageToken } from '../tokens.js'
import { defaultLanguage, type Language } from '../../i18n/languages.js'
import { translator } from '../../i18n/translator.js'

/** A cancelled booking or session stays in feeds this long, marked CANCELLED, so calendars hear of it. */
const KEEP_CANCELLED_DAYS = 30
/** Past sessions stay in feeds this long; older ones drop out (calendars then remove them). */
const KEEP_PAST_DAYS = 90

/**
 * Every event's DTSTAMP while the feed is made. The content is hashed with it (so the ETag depends
 * only on the sessions and bookings, not on the time of the request); the service then puts the
 * feed's Last-Modified time in its place.
 */
const DRAFT_STAMP = DateTime.fromMillis(0, { zone: 'utc' })
export const DRAFT_STAMP_LINE = 'DTSTAMP:19700101T000000Z'

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000)

/** One UID per session in staff feeds. Staff get no emailed invites, so nothing else uses it. */
const staffEventUid = (sessionId: number, baseUrl: string): string => `session-${sessionId}@${new URL(baseUrl).hostname}`

/** Builds the feeds' iCalendar text (with DRAFT_STAMP). No METHOD: a subscribed feed is published, not an invitation. */
export class FeedCalendars {
  constructor(
    private readonly db: Executor,
    private readonly sessions: FeedSessionRepository,
    private readonly contexts: MessageContextRepository,
    private readonly config: Config,
  ) {}

  /**
   * A family record's bookings, each session with the very UID and SEQUENCE of its emailed invite
   * (calendar.ts's addBookingEvent), so a family who both subscribed and accepted an invite sees
   * one event. A cancelled booking or session is kept, CANCELLED, for KEEP_CANCELLED_DAYS.
   */
  async family(familyId: number, now: Date): Promise<string> {
    const calendar = newCalendar(this.config.serviceName)
    const cancelledSince = daysBefore(now, KEEP_CANCELLED_DAYS)
    const endedSince = daysBefore(now, KEEP_PAST_DAYS)
    // Each event is in its own booking's language; the feed's name in the language of the latest (highest id) booking.
    let language: Language = defaultLanguage
    for (const bookingId of await this.sessions.familyBookingIds(this.db, familyId, cancelledSince)) {
      const context = await this.contexts.forBooking(bookingId, this.db)
      if (!context) continue
      language = context.booking.language
      const manageUrl = `${this.config.baseUrl}${paths.manage.show(manageToken(this.config.sessionSecret, context.booking.manageNonce))}`
      for (const at of context.sessions) {
        if (at.session.endsAt <= endedSince) continue
        if (at.session.cancelledAt && at.session.cancelledAt <= cancelledSince) continue
        addBookingEvent(calendar, context, at, {
          manageUrl,
          baseUrl: this.config.baseUrl,
          serviceName: this.config.serviceName,
          fallbackOrganizerEmail: addressOf(this.config.mail.from),
          calendarSequence: context.booking.calendarSequence,
          cancelled: context.booking.status === 'cancelled' || at.session.cancelledAt !== null,
          stamp: DRAFT_STAMP,
        })
      }
    }
    const t = translator(language)
    calendar.name(
      t('messages:calendar.feedName', { service: language === defaultLanguage ? this.config.serviceName : t('common:serviceName') }),
    )
    return calendar.toString()
  }

  /**
   * The sessions a member of staff runs, or every session at a hub: title, place and how many
   * are booked and waiting, never who. SEQUENCE is the session's own (it rises with every move).
   */
  async staff(filter: StaffFeedFilter, name: string, now: Date): Promise<string> {
    const calendar = newCalendar(this.config.serviceName)
    calendar.name(name)
    const cancelledSince = daysBefore(now, KEEP_CANCELLED_DAYS)
    for (const row of await this.sessions.staffSessions(this.db, filter, daysBefore(now, KEEP_PAST_DAYS))) {
      if (row.session.cancelledAt && row.session.cancelledAt <= cancelledSince) continue
      calendar.createEvent({
        id: staffEventUid(row.session.id, this.config.baseUrl),
        sequence: row.session.sequence,
        start: DateTime.fromJSDate(row.session.startsAt, { zone: LONDON }),
        end: DateTime.fromJSDate(row.session.endsAt, { zone: LONDON }),
        timezone: LONDON,
        stamp: DRAFT_STAMP,
        summary: row.of > 1 ? `${row.programmeTitle} (session ${row.number} of ${row.of})` : row.programmeTitle,
        location: location(row),
        description: this.staffDescription(row),
        url: `${this.config.baseUrl}${paths.staff.sessions.register(row.session.id)}`,
        status: row.session.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      })
    }
    return calendar.toString()
  }

  private staffDescription(row: StaffFeedSession): string {
    return [
      row.session.cancelledAt ? 'This session is cancelled.' : undefined,
      `Booked: ${row.booked} of ${row.course.capacity} places`,
      `Waiting list: ${row.waiting}`,
      `Register: ${this.config.baseUrl}${paths.staff.sessions.register(row.session.id)}`,
    ]
      .filter(Boolean)
      .join('\n')
  }
}

function location(row: StaffFeedSession): string {
  if (!row.hub) return 'Online'
  const place = [row.hub.name, ...row.hub.addressLines, row.hub.postcode].join(', ')
  return row.session.room ? `${row.session.room}, ${place}` : place
}
