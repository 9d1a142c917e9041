/**
 * What services ask of the job system, one named method per job they start. Services own this
 * interface; jobs/ (top level) implements it (on agenda) and holds the job names. Jobs carry ids only and
 * re-read the database when they run, so asking twice is harmless.
 */
export interface JobQueue {
  /** At the offer's expiry time: expire the offer if it is still open, and offer the place onwards. */
  scheduleOfferExpiry(bookingId: number, at: Date): Promise<void>
  /** Now: send every notification row that is due. */
  wakeDelivery(): Promise<void>
}
