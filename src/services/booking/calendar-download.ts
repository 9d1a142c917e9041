import type { Config } from '../../config.js'
import type { MessageContextRepository } from '../../data/notifications/message-context-repository.js'
import { paths } from '../../paths.js'
import { bookingCalendar } from '../notifications/calendar.js'
import { addressOf } from '../notifications/message-renderer.js'

/**
 * The .ics file behind "Add to calendar" on the confirmation and manage pages. It is made by the
 * same generator as the emailed invites (same UIDs and SEQUENCE), as METHOD:PUBLISH: a file to
 * import, which a later emailed update or cancellation then changes in place.
 */
export class CalendarDownload {
  constructor(
    private readonly contexts: MessageContextRepository,
    private readonly config: Config,
  ) {}

  async forBooking(bookingId: number, manageToken: string): Promise<string | undefined> {
    const context = await this.contexts.forBooking(bookingId)
    if (!context) return undefined
    return bookingCalendar(context, {
      method: 'PUBLISH',
      manageUrl: `${this.config.baseUrl}${paths.manage.show(manageToken)}`,
      baseUrl: this.config.baseUrl,
      serviceName: this.config.serviceName,
      fallbackOrganizerEmail: addressOf(this.config.mail.from),
    })
  }
}
