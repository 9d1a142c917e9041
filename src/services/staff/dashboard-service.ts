import type { DashboardFigures, DashboardRow } from '../../data/staff/dashboard-figures.js'
import type { ReportsService } from '../reports/reports-service.js'
import { inLondon } from '../../time.js'
import type { StaffPrincipal } from './policy.js'

/** How far ahead staff are shown empty places that families are waiting for. */
const EMPTY_PLACES_HOURS = 48

interface DashboardLine extends DashboardRow {
  recorded: number
  /** Share of recorded places where the family did not come: did not attend over all recorded. */
  noShowRate: number | null
  attendanceRate: number | null
}

/**
 * The managers' dashboard: attendance and no-shows over recent weeks, demand now. The headline
 * attendance figures are the reports' own (ReportsService, the same definitions as /staff/reports);
 * the table below them counts the register marks per programme and hub.
 */
export class StaffDashboardService {
  constructor(
    private readonly figures: DashboardFigures,
    private readonly reports: Pick<ReportsService, 'attendanceTotal'>,
  ) {}

  /**
   * Sessions starting in the next 48 hours with empty places and families waiting, each with
   * "Offer to everyone waiting" (managers see their own hubs, admins every hub).
   */
  emptyPlaces(user: StaffPrincipal, now = new Date()) {
    return this.figures.emptyPlaces({
      hubIds: user.role === 'admin' ? undefined : user.hubIds,
      now,
      until: new Date(now.getTime() + EMPTY_PLACES_HOURS * 3600_000),
    })
  }

  async view(user: StaffPrincipal, weeks = 12, now = new Date()) {
    const since = new Date(now.getTime() - weeks * 7 * 24 * 3600_000)
    const scope = user.role === 'admin' ? ('all' as const) : user.hubIds
    const [rows, headline, emptyPlaces] = await Promise.all([
      this.figures.rows({ hubIds: scope === 'all' ? undefined : scope, since, now }),
      this.reports.attendanceTotal({ from: inLondon(since).toISODate()!, to: inLondon(now).toISODate()!, scope }, now),
      this.emptyPlaces(user, now),
    ])
    const lines: DashboardLine[] = rows.map((row) => {
      const recorded = row.attended + row.didNotAttend + row.cancelledLate
      return {
        ...row,
        recorded,
        noShowRate: recorded ? row.didNotAttend / recorded : null,
        attendanceRate: recorded ? row.attended / recorded : null,
      }
    })
    const demand = lines.reduce((sum, l) => ({ waiting: sum.waiting + l.waiting, fullCourses: sum.fullCourses + l.fullCourses }), {
      waiting: 0,
      fullCourses: 0,
    })
    return {
      weeks,
      lines,
      emptyPlaces,
      total: {
        ...demand,
        attended: headline.attended,
        didNotAttend: headline.noShows,
        recorded: headline.placesBooked,
        noShowRate: headline.noShowRate,
      },
    }
  }
}
