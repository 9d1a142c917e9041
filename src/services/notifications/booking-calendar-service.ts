import type { Config } from '../../config.js'
import type { MessageContextRepository } from '../../data/notifications/message-context-repository.js'
import { bookingCalendar, type CalendarMethod } from './calendar.js'
import { addressOf } from './message-renderer.js'
import { manageUrlFor } from './message-view.js'

/**
 * A booking's calendar, for the confirmation page's "Add to calendar" .ics download. Same UIDs and
 * SEQUENCE as the emailed invites, so importing the file and then getting an update (a moved
 * session) changes the same events. PUBLISH by default: a file to import, not an invitation.
 */
export class BookingCalendarService {
  constructor(
    private readonly contexts: MessageContextRepository,
    private readonly config: Pick<Config, 'baseUrl' | 'serviceName' | 'sessionSecret' | 'mail'>,
  ) {}

  /** The .ics text, or undefined when there is no such booking. */
  async forBooking(bookingId: number, method: CalendarMethod = 'PUBLISH'): Promise<string | undefined> {
    const context = await this.contexts.forBooking(bookingId)
    if (!context) return undefined
    return bookingCalendar(context, {
      method,
      manageUrl: manageUrlFor(this.config, context.booking.manageNonce),
      baseUrl: this.config.baseUrl,
      serviceName: this.config.serviceName,
      fallbackOrganizerEmail: addressOf(this.config.mail.from),
    })
  }
}
