import type { Agenda } from 'agenda'
import type { JobQueue } from '../src/services/job-queue.js'
import { DELIVER_DUE_NOTIFICATIONS, OFFER_EXPIRY_JOB } from './job-names.js'

/** The services' JobQueue on agenda. */
export class AgendaJobQueue implements JobQueue {
  constructor(private readonly agenda: Agenda) {}

  async scheduleOfferExpiry(bookingId: number, at: Date): Promise<void> {
    await this.agenda.schedule(at, OFFER_EXPIRY_JOB, { bookingId })
  }

  async wakeDelivery(): Promise<void> {
    await this.agenda.now(DELIVER_DUE_NOTIFICATIONS, {})
  }
}
