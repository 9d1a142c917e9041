import type { DashboardFigures, DashboardRow } from '../../data/staff/dashboard-figures.js'
import type { ReportsService } from '../reports/reports-service.js'
import { inLondon } from '../../time.js'
import type { StaffPrincipal } from './policy.js'

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

  async view(user: StaffPrincipal, weeks = 12, now = new Date()) {
    const since = new Date(now.getTime() - weeks * 7 * 24 * 3600_000)
    const scope = user.role === 'admin' ? ('all' as const) : user.hubIds
    const [rows, headline] = await Promise.all([
      this.figures.rows({ hubIds: scope === 'all' ? undefined : scope, since, now }),
      this.reports.attendanceTotal({ from: inLondon(since).toISODate()!, to: inLondon(now).toISODate()!, scope }, now),
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
