import type { DashboardFigures, DashboardRow } from '../../data/staff/dashboard-figures.js'
import type { StaffPrincipal } from './policy.js'

interface DashboardLine extends DashboardRow {
  recorded: number
  /** Share of recorded places where the family did not come: did not attend over all recorded. */
  noShowRate: number | null
  attendanceRate: number | null
}

/** The managers' dashboard: attendance and no-shows over recent weeks, demand now. */
export class StaffDashboardService {
  constructor(private readonly figures: DashboardFigures) {}

  async view(user: StaffPrincipal, weeks = 12, now = new Date()) {
    const since = new Date(now.getTime() - weeks * 7 * 24 * 3600_000)
    const rows = await this.figures.rows({ hubIds: user.role === 'admin' ? undefined : user.hubIds, since, now })
    const lines: DashboardLine[] = rows.map((row) => {
      const recorded = row.attended + row.didNotAttend + row.cancelledLate
      return {
        ...row,
        recorded,
        noShowRate: recorded ? row.didNotAttend / recorded : null,
        attendanceRate: recorded ? row.attended / recorded : null,
      }
    })
    const total = lines.reduce(
      (sum, l) => ({
        attended: sum.attended + l.attended,
        didNotAttend: sum.didNotAttend + l.didNotAttend,
        recorded: sum.recorded + l.recorded,
        waiting: sum.waiting + l.waiting,
        fullCourses: sum.fullCourses + l.fullCourses,
      }),
      {
        attended: 0,
        didNotAttend: 0,
        recorded: 0,
        waiting: 0,
        fullCourses: 0,
      },
    )
    return { weeks, lines, total: { ...total, noShowRate: total.recorded ? total.didNotAttend / total.recorded : null } }
  }
}
