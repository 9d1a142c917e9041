import type { Request, Response } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { assertCan } from '../../../middleware/require-permission.js'
import { body, idParam, notFoundUnless } from '../form-values.js'
import { readHub } from './catalogue-forms.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'

/** Hubs: admins add them; admins and the hub's managers edit them. */
export function hubsController(services: Services) {
  const catalogue = services.staff.catalogue
  const formValues = (hub: Awaited<ReturnType<typeof catalogue.hub>>) =>
    hub && {
      ...hub,
      addressLines: hub.addressLines.join('\n'),
      email: hub.email ?? '',
      facilities: [hub.stepFree && 'stepFree', hub.parking && 'parking', hub.babyChange && 'babyChange'].filter(Boolean),
      accessibilityNotes: hub.accessibilityNotes ?? '',
      gettingThere: hub.gettingThere ?? '',
    }
  return {
    async list(_req: Request, res: Response) {
      res.render('pages/staff/manage/hubs', { hubs: await catalogue.hubs(currentStaff(res)) })
    },

    newHub(_req: Request, res: Response) {
      renderForm(res, 'pages/staff/manage/hub-form', { hubId: undefined, values: { facilities: [] }, errors: {} })
    },

    async create(req: Request, res: Response) {
      const { values, errors, hub } = readHub(body(req))
      if (!hub) return renderForm(res, 'pages/staff/manage/hub-form', { hubId: undefined, values, errors })
      if (await catalogue.slugTaken('hubs', hub.slug))
        return renderForm(res, 'pages/staff/manage/hub-form', {
          hubId: undefined,
          values,
          errors: { name: 'There is already a hub with this name' },
        })
      await catalogue.saveHub(currentStaff(res), undefined, hub)
      keepFlash(req, 'staffNotice', `${hub.name} added`)
      res.redirect(paths.staff.hubs.index)
    },

    async edit(req: Request, res: Response) {
      const hub = notFoundUnless(await catalogue.hub(idParam(req, 'hubId')))
      assertCan(res, 'hubs.edit', { hubId: hub.id })
      renderForm(res, 'pages/staff/manage/hub-form', { hubId: hub.id, values: formValues(hub), errors: {} })
    },

    async update(req: Request, res: Response) {
      const existing = notFoundUnless(await catalogue.hub(idParam(req, 'hubId')))
      assertCan(res, 'hubs.edit', { hubId: existing.id })
      const { values, errors, hub } = readHub(body(req))
      if (!hub) return renderForm(res, 'pages/staff/manage/hub-form', { hubId: existing.id, values, errors })
      // The slug stays: it is in public links people have saved.
      await catalogue.saveHub(currentStaff(res), existing.id, { ...hub, slug: existing.slug })
      keepFlash(req, 'staffNotice', `${hub.name} saved`)
      res.redirect(paths.staff.hubs.index)
    },
  }
}
