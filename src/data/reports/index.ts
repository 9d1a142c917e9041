import type { Database } from '../../db/database.js'
import { AttendanceFigures } from './attendance-figures.js'
import { ReportSummaries } from './report-summaries.js'
import { DemandFigures } from './demand-figures.js'
import { MessageFigures } from './message-figures.js'
import { RefillFigures } from './refill-figures.js'
import { ReportOptionsQuery } from './report-options.js'
import { PeriodSeries } from './report-query.js'

/** data.reports: the manager reports' queries, one per figure group (part of dataAccess()). */
export function reportData(database: Database) {
  return {
    periods: new PeriodSeries(database.db),
    attendance: new AttendanceFigures(database.db),
    summaries: new ReportSummaries(database.db),
    refill: new RefillFigures(database.db),
    messages: new MessageFigures(database.db),
    demand: new DemandFigures(database.db),
    options: new ReportOptionsQuery(database.db),
  }
}

export type ReportData = ReturnType<typeof reportData>
