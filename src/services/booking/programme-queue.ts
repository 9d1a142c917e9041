import type { Executor, Tx } from '../../db/database.js'
import type { BookingRow } from '../../data/booking-repository.js'
import type { ProgrammeRun } from '../../data/booking/programme-queue-repository.js'
import type { BookingContext } from './booking-context.js'
import type { AlsoSuitable } from './booking-types.js'

export type { ProgrammeRun }

type ChangeRunsResult =
  | { outcome: 'changed'; runs: number[] | 'any' }
  | { outcome: 'not_waiting'; booking: BookingRow }
  | { outcome: 'already_queued' }
  | { outcome: 'no_such_booking' }

/**
 * Waiting for a programme, not only a run (issue 10). A family on a full run's waiting list may
 * say which other runs of the programme would suit them, or any run: one queue entry spans them,
 * and a place freed on any of them is offered to it in the usual order (the booking repository's
 * waitingList and offer). Here: what the pages ask and show about those runs.
 */
export class ProgrammeQueue {
  constructor(private readonly ctx: BookingContext) {}

  /** The programme's other runs not yet started or cancelled, soonest first, with their free places. */
  otherRuns(courseId: number, now = new Date()): Promise<ProgrammeRun[]> {
    return this.ctx.bookings.programmeQueue.otherRuns(this.ctx.db, courseId, now)
  }

  /** What a queue entry waits for besides its own run. */
  suitableRuns(booking: Pick<BookingRow, 'id' | 'waitsForAnyRun'>): Promise<number[] | 'any'> {
    return this.ctx.bookings.programmeQueue.suitableRuns(this.ctx.db, booking)
  }

  /**
   * The runs the family said would suit them that have a place free now and can be booked online:
   * the pages tell them straight away, with a link to book it.
   */
  async suitableRunsWithPlaces(booking: Pick<BookingRow, 'id' | 'courseId' | 'waitsForAnyRun'>, now = new Date()): Promise<ProgrammeRun[]> {
    const suitable = await this.suitableRuns(booking)
    if (suitable !== 'any' && suitable.length === 0) return []
    const runs = await this.otherRuns(booking.courseId, now)
    return runs.filter((run) => run.placesFree > 0 && run.bookingOpen && (suitable === 'any' || suitable.includes(run.courseId)))
  }

  /** The family changes which other runs suit them (the manage page). Only while they are waiting. */
  changeSuitableRuns(bookingId: number, alsoSuitable: AlsoSuitable): Promise<ChangeRunsResult> {
    return this.ctx.unitOfWork.run(
      async (tx): Promise<ChangeRunsResult> => {
        const locked = await this.ctx.lockBooking(tx, bookingId)
        if (!locked) return { outcome: 'no_such_booking' }
        if (locked.booking.status !== 'waiting') return { outcome: 'not_waiting', booking: locked.booking }
        const runs = await applySuitableRuns(tx, this.ctx, locked.booking, alsoSuitable)
        return { outcome: 'changed', runs }
      },
      // The database holds one programme-wide entry per person and programme.
      async (refusal) =>
        refusal.kind === 'unique' && refusal.constraint?.startsWith('bookings_one_programme_entry_')
          ? { result: { outcome: 'already_queued' } }
          : undefined,
    )
  }
}

/**
 * Inside the transaction that holds the entry: records the runs (only other runs of the entry's
 * own programme count; anything else in the answer is dropped). Returns what was recorded.
 */
export async function applySuitableRuns(
  tx: Tx,
  ctx: BookingContext,
  booking: Pick<BookingRow, 'id' | 'courseId' | 'programmeId'>,
  alsoSuitable: AlsoSuitable,
): Promise<number[] | 'any'> {
  const runs = alsoSuitable === 'any' ? 'any' : await programmeRunsIn(tx, ctx, booking, alsoSuitable)
  await ctx.bookings.programmeQueue.setSuitableRuns(tx, booking.id, runs)
  return runs
}

async function programmeRunsIn(db: Executor, ctx: BookingContext, booking: Pick<BookingRow, 'courseId' | 'programmeId'>, ids: number[]) {
  const others = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id !== booking.courseId))]
  return ctx.bookings.programmeQueue.runsOfProgramme(db, booking.programmeId, others)
}
