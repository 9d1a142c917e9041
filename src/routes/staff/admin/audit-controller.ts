import type { Request, Response } from 'express'
import { DateTime } from 'luxon'
import type { Services } from '../../../services/index.js'
import { LONDON } from '../../../time.js'

/** Admins: the audit log, filtered by member of staff, action, family and dates. Read only. */
export function auditController(services: Services) {
  return {
    async view(req: Request, res: Response) {
      const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string).trim().slice(0, 100) : '')
      const filters = { staff: q('staff'), action: q('action'), family: q('family'), from: q('from'), to: q('to') }
      const id = (value: string) => (/^[0-9]{1,9}$/.test(value) ? Number(value) : undefined)
      const day = (value: string, plusDays = 0) => {
        const date = DateTime.fromISO(value, { zone: LONDON })
        return /^\d{4}-\d{2}-\d{2}$/.test(value) && date.isValid ? date.plus({ days: plusDays }).toJSDate() : undefined
      }
      const page = Math.max(1, Math.min(1000, Number(q('page')) || 1))
      const [rows, actions, staff] = await Promise.all([
        services.staff.audit.search(
          {
            staffUserId: id(filters.staff),
            action: filters.action || undefined,
            familyId: id(filters.family),
            from: day(filters.from),
            to: day(filters.to, 1),
          },
          page,
        ),
        services.staff.audit.actions(),
        services.staff.accounts.list(),
      ])
      const pageSize = 50
      res.render('pages/staff/admin/audit', {
        rows: rows.slice(0, pageSize),
        more: rows.length > pageSize,
        pageNumber: page,
        filters,
        actions,
        staff,
      })
    },
  }
}
