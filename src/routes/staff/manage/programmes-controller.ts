import type { Request, Response } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { topicLabels } from '../../../services/catalogue/topics.js'
import { body, idParam, notFoundUnless } from '../form-values.js'
import { readProgramme } from './catalogue-forms.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'

/** Programmes: what is offered. Admins and hub managers. */
export function programmesController(services: Services) {
  const catalogue = services.staff.catalogue
  const render = (res: Response, programmeId: number | undefined, values: object, errors: object) =>
    renderForm(res, 'pages/staff/manage/programme-form', {
      programmeId,
      values,
      errors,
      topicLabels,
      offerDefaults: services.config.waitingList,
    })
  return {
    async list(_req: Request, res: Response) {
      res.render('pages/staff/manage/programmes', { programmes: await catalogue.programmes() })
    },

    newProgramme(_req: Request, res: Response) {
      render(res, undefined, { topics: [], audience: 'parents', delivery: 'in_person', bookingMode: 'open', language: 'English' }, {})
    },

    async create(req: Request, res: Response) {
      const { values, errors, programme } = readProgramme(body(req))
      if (!programme) return render(res, undefined, values, errors)
      if (await catalogue.slugTaken('programmes', programme.slug))
        return render(res, undefined, values, { title: 'There is already a programme with this title' })
      await catalogue.saveProgramme(currentStaff(res), undefined, programme)
      keepFlash(req, 'staffNotice', `${programme.title} added`)
      res.redirect(paths.staff.programmes.index)
    },

    async edit(req: Request, res: Response) {
      const programme = notFoundUnless(await catalogue.programme(idParam(req, 'programmeId')))
      render(
        res,
        programme.id,
        {
          ...programme,
          childAgeFromMonths: programme.childAgeFromMonths ?? '',
          childAgeToMonths: programme.childAgeToMonths ?? '',
          offerHours: programme.offerHours ?? '',
          offerRounds: programme.offerRounds ?? '',
          openOfferMinutesBeforeStart: programme.openOfferMinutesBeforeStart ?? '',
        },
        {},
      )
    },

    async update(req: Request, res: Response) {
      const existing = notFoundUnless(await catalogue.programme(idParam(req, 'programmeId')))
      const { values, errors, programme } = readProgramme(body(req))
      if (!programme) return render(res, existing.id, values, errors)
      await catalogue.saveProgramme(currentStaff(res), existing.id, { ...programme, slug: existing.slug })
      keepFlash(req, 'staffNotice', `${programme.title} saved`)
      res.redirect(paths.staff.programmes.index)
    },
  }
}
