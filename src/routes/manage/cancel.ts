import type { Request, Response } from 'express'
import { z } from 'zod'
import type { Services } from '../../services/index.js'
import { paths } from '../../paths.js'
import { field } from '../forms/fields.js'
import { govukErrors } from '../forms/zod-errors.js'
import { keepFlash, keepFormErrors, takeFormErrors } from '../../middleware/flash.js'
import { managedBooking } from './load-booking.js'
import { renderForm } from '../forms/render-form.js'
import type { Translate } from '../../i18n/translator.js'

const CANCEL_REASON_MAX = 500

const cancelSchema = (t: Translate) =>
  z.object({ reason: z.string().max(CANCEL_REASON_MAX, t('manage:errors.reasonTooLong', { max: CANCEL_REASON_MAX })) })

/** Cancel a place: a page to confirm (with an optional reason), then one POST. */
export function cancelBooking(services: Services) {
  return {
    view(req: Request, res: Response) {
      const details = managedBooking(res)
      if (details.booking.status !== 'confirmed' && details.booking.status !== 'offered')
        return res.redirect(paths.manage.show(details.manageToken))
      const kept = takeFormErrors(req, req.path)
      renderForm(res, 'pages/manage/cancel', { details, errors: kept?.errors ?? {}, values: kept?.values ?? {} })
    },

    async submit(req: Request, res: Response) {
      const details = managedBooking(res)
      const reason = field(req.body, 'reason')
      const parsed = cancelSchema(req.t).safeParse({ reason })
      if (!parsed.success) {
        keepFormErrors(req, req.path, govukErrors(parsed.error).fields, { reason })
        return res.redirect(paths.manage.cancel(details.manageToken))
      }
      const result = await services.booking.cancel(details.booking.id, { reason: reason || null })
      if (result.outcome === 'cancelled') keepFlash(req, 'bookingNotice', req.t('manage:notices.cancelled'), String(details.booking.id))
      res.redirect(paths.manage.show(details.manageToken))
    },
  }
}
