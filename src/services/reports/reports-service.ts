import type { ReportFilter, ReportOptions, Reports } from '../../domain/reports.js'

/**
 * The manager reports. Every figure is computed in SQL (src/data/reports), one query per figure
 * group; this service turns the filter into periods and rates.
 *
 * SKELETON: the reports-data work fills this in (see src/domain/reports.ts for the contract).
 */
export class ReportsService {
  build(_filter: ReportFilter, _now: Date = new Date()): Promise<Reports> {
    return Promise.reject(new Error('ReportsService.build is not built yet'))
  }

  options(_scope: ReportFilter['scope']): Promise<ReportOptions> {
    return Promise.reject(new Error('ReportsService.options is not built yet'))
  }
}
