import { DateTime } from 'luxon'
import { stringify } from 'csv-stringify/sync'
import type { AttendanceStatus } from '../../domain/booking.js'
import type { Registers } from '../../data/staff/registers.js'
import { LONDON } from '../../time.js'
import { formatUkPhone } from '../booking/contact-details.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { AuditService } from './audit-service.js'
import { describeChild, supportNeeds } from './family-facts.js'
import { ageMismatch, londonDate } from '../catalogue/age-fit.js'
import type { StaffPrincipal } from './policy.js'

export type Register = NonNullable<Awaited<ReturnType<StaffRegisterService['register']>>>

/** Facilitators' sessions, registers (screen, print and CSV) and attendance. */
export class StaffRegisterService {
  constructor(
    /** Every write: one transaction, retried when worth it, its jobs queued after commit. */
    private readonly unitOfWork: UnitOfWork,
    private readonly registers: Registers,
    private readonly audit: AuditService,
  ) {}

  /** Today's and upcoming sessions, and past ones still waiting for attendance (the to-do list). */
  async mySessions(user: StaffPrincipal, now = new Date()) {
    const startOfToday = DateTime.fromJSDate(now, { zone: LONDON }).startOf('day')
    const endOfToday = startOfToday.plus({ days: 1 }).toJSDate()
    const [coming, toDo] = await Promise.all([
      this.registers.sessionsRunBy(user.id, startOfToday.toJSDate()),
      this.registers.attendanceToDo(user.id, now),
    ])
    return {
      today: coming.filter((row) => row.session.startsAt < endOfToday),
      upcoming: coming.filter((row) => row.session.startsAt >= endOfToday),
      toDo: toDo.filter((row) => row.session.startsAt < startOfToday.toJSDate() || row.session.endsAt < now),
    }
  }

  session(sessionId: number) {
    return this.registers.session(sessionId)
  }

  async register(sessionId: number, now = new Date()) {
    const context = await this.registers.session(sessionId)
    if (!context) return undefined
    const [attendees, waiting] = await Promise.all([
      this.registers.attendees(sessionId, context.course.id),
      this.registers.waitingList(context.course.id),
    ])
    const firstDay = context.firstStartsAt ? londonDate(context.firstStartsAt) : undefined
    const outsideRange = (child: Parameters<typeof ageMismatch>[0]) => {
      const mismatch = firstDay ? ageMismatch(child, context.ages, firstDay) : undefined
      if (!mismatch) return undefined
      if (mismatch.reason === 'not_born') return 'due after the first session'
      return mismatch.from === 'stated' ? `age ${mismatch.age} when booked` : `${mismatch.age} on the first session`
    }
    const describe = <
      T extends { family: Parameters<typeof supportNeeds>[0] & { phone: string | null }; children: Parameters<typeof describeChild>[0][] },
    >(
      row: T,
    ) => ({
      ...row,
      childNames: row.children.map((child) => describeChild(child, now)),
      /** Each child, with their age on the first session when it is outside the course's range. */
      childAges: row.children.map((child) => ({ name: describeChild(child, now), outsideRange: outsideRange(child) })),
      needs: supportNeeds(row.family),
      phone: row.family.phone ? formatUkPhone(row.family.phone) : '',
    })
    return { context, attendees: attendees.map(describe), waiting: waiting.map(describe) }
  }

  /**
   * Records attended / did not attend / cancelled late for the families holding a place. Only
   * changed rows are written and audited; a booking not on this register is ignored.
   */
  async recordAttendance(
    actor: StaffPrincipal,
    sessionId: number,
    courseId: number,
    statuses: ReadonlyMap<number, AttendanceStatus>,
    now = new Date(),
  ) {
    const attendees = await this.registers.attendees(sessionId, courseId)
    const onRegister = new Map(attendees.map((row) => [row.booking.id, row]))
    const wanted = [...statuses].filter(([bookingId]) => onRegister.has(bookingId))
    // Counted inside the work: an attempt that rolled back and ran again counts from zero.
    return this.unitOfWork.run(async (tx) => {
      let changed = 0
      const existing = new Map(
        (
          await this.registers.attendanceOf(
            tx,
            sessionId,
            wanted.map(([id]) => id),
          )
        ).map((row) => [row.bookingId, row.status]),
      )
      for (const [bookingId, status] of wanted) {
        const before = existing.get(bookingId) ?? null
        if (before === status) continue
        await this.registers.recordAttendance(tx, sessionId, bookingId, status, actor.id, now)
        await this.audit.record(tx, actor, {
          action: 'attendance.recorded',
          entityType: 'booking',
          entityId: bookingId,
          familyId: onRegister.get(bookingId)!.family.id,
          before: { sessionId, attendance: before },
          after: { sessionId, attendance: status },
        })
        changed++
      }
      return changed
    })
  }

  /** The register as CSV for a spreadsheet. Cells that a spreadsheet would run as a formula are defused. */
  csv(register: Register): string {
    const rows = [
      ['List', 'Parent or carer', 'Other carers', 'Children', 'Contact number', 'Email', 'Support needs', 'Reference', 'Attendance'],
      ...register.attendees.map((row) => registerCells(row, 'Booked', attendanceNames[row.attendance ?? ''] ?? '')),
      ...register.waiting.map((row) => registerCells(row, row.booking.status === 'offered' ? 'Offered a place' : 'Waiting list', '')),
    ]
    return stringify(
      rows.map((cells) => cells.map(defuseFormula)),
      { bom: true, record_delimiter: 'windows' },
    )
  }
}

export const attendanceNames: Record<string, string> = {
  attended: 'Attended',
  did_not_attend: 'Did not attend',
  cancelled_late: 'Cancelled late',
}

/**
 * CSV formula injection: a cell starting with = + - @ (or a tab or carriage return) is run by
 * spreadsheet programs. A leading apostrophe makes it text.
 */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** One family's row of the register CSV, after which list they are on and before their attendance. */
function registerCells(row: Register['waiting'][number], list: string, attendance: string): string[] {
  const { family, booking } = row
  return [
    list,
    family.parentName,
    family.otherCarers ?? '',
    row.childAges.map((child) => (child.outsideRange ? `${child.name}, outside age range (${child.outsideRange})` : child.name)).join('; '),
    row.phone,
    family.email ?? '',
    row.needs.join('; '),
    booking.reference,
    attendance,
  ]
}
