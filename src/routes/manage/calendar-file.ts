import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import { managedBooking } from './load-booking.js'

/** The booking's sessions as an .ics file ("Add to calendar"). Only for a place that is booked. */
export function calendarFile(services: Services) {
  return async (_req: Request, res: Response) => {
    const details = managedBooking(res)
    if (details.booking.status !== 'confirmed') return res.status(404).render('pages/manage/link-not-found')
    const ics = await services.calendarDownload.forBooking(details.booking.id, details.manageToken)
    if (!ics) return res.status(404).render('pages/manage/link-not-found')
    res.type('text/calendar; charset=utf-8')
    res.attachment(`${details.booking.reference}.ics`)
    res.send(ics)
  }
}
