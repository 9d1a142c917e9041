import type { Request, Response } from 'express'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { HttpError } from '../../../middleware/error-handler.js'
import { renderForm } from '../../forms/render-form.js'
import { assertOwnHub, filterQuery, readFilter, scopeOf, scopedFilter, validateFilter } from './report-filter.js'
import { reportPage, tableCsv } from './report-page.js'
import { isReportTableId } from './report-tables.js'

const VIEW = 'pages/staff/reports/index'

/**
 * Managers' reports: a GET filter form, then every figure from one call to the reports service.
 * Hub managers see their own hubs only (the scope); an id outside it is a 404.
 */
export function reportsController(services: Services) {
  const reports = services.staff.reports
  return {
    async view(req: Request, res: Response) {
      const now = new Date()
      const scope = scopeOf(currentStaff(res))
      const values = readFilter(req.query, now)
      const checked = validateFilter(values)
      if (checked.ok) assertOwnHub(checked.value, scope)
      const options = await reports.options(scope)
      if (!checked.ok) return renderForm(res, VIEW, { values, options, errors: checked.errors, report: undefined, query: '' })
      const filter = scopedFilter(checked.value, scope, options)
      const [built, emptyPlaces] = await Promise.all([
        reports.build(filter, now),
        services.staff.dashboard.emptyPlaces(currentStaff(res), now),
      ])
      res.render(VIEW, { values, options, errors: {}, report: reportPage(built, options), query: filterQuery(values), emptyPlaces })
    },

    async csv(req: Request, res: Response) {
      const table = String(req.params.table)
      if (!isReportTableId(table)) throw new HttpError(404, 'Not found')
      const now = new Date()
      const scope = scopeOf(currentStaff(res))
      const checked = validateFilter(readFilter(req.query, now))
      if (!checked.ok)
        throw new HttpError(400, `The report’s filter is not valid: ${Object.values(checked.errors).find(Boolean) ?? 'check the dates'}.`)
      assertOwnHub(checked.value, scope)
      const options = await reports.options(scope)
      const filter = scopedFilter(checked.value, scope, options)
      const built = await reports.build(filter, now)
      res.type('text/csv; charset=utf-8')
      res.attachment(`report-${table}-${filter.from}-to-${filter.to}.csv`)
      res.setHeader('Cache-Control', 'no-store')
      res.send(tableCsv(reportPage(built, options).tables[table]))
    },
  }
}
