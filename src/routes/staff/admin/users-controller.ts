import type { Request, Response } from 'express'
import { z } from 'zod'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { staffRoles, type StaffRole } from '../../../domain/staff.js'
import { normaliseEmail } from '../../../services/booking/contact-details.js'
import { body, checked, idParam, list, notFoundUnless, text } from '../form-values.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'
import { validateForm } from '../../forms/validate-form.js'

const nameSchema = z.string().min(1, 'Enter their name')
const isRole = (role: string) => (staffRoles as readonly string[]).includes(role)

const newUserSchema = z.object({
  name: nameSchema,
  email: z
    .string()
    .transform((email) => normaliseEmail(email) ?? '')
    .refine(Boolean, 'Enter an email address in the correct format, like name@example.com'),
  role: z.string().refine(isRole, 'Select a role'),
})

/** An admin cannot lock themself out: that message wins over any other about the role. */
const userUpdateSchema = (isSelf: boolean) =>
  z
    .object({ name: nameSchema, role: z.string(), active: z.boolean() })
    .refine((access) => !isSelf || (access.role === 'admin' && access.active), {
      message: 'You cannot take away your own admin access',
      path: ['role'],
    })
    .refine((access) => isRole(access.role), { message: 'Select a role', path: ['role'] })

/** Admins: staff accounts, their roles and (for hub managers) hubs. */
export function usersController(services: Services) {
  const { accounts, catalogue } = services.staff
  const render = async (res: Response, userId: number | undefined, values: object, errors: Record<string, string>) =>
    renderForm(res, 'pages/staff/admin/user-form', { userId, values, errors, hubs: await catalogue.allHubs(), staffRoles })
  const readAccess = (req: Request) => {
    const form = body(req)
    const role = text(form, 'role', 20)
    return {
      name: text(form, 'name', 200),
      role,
      hubIds: list(form, 'hubIds')
        .map(Number)
        .filter((id) => Number.isInteger(id) && id > 0),
      active: !checked(form, 'deactivate'),
    }
  }
  return {
    async list(_req: Request, res: Response) {
      res.render('pages/staff/admin/users', { users: await accounts.list() })
    },

    newUser: (_req: Request, res: Response) => render(res, undefined, { hubIds: [] }, {}),

    async create(req: Request, res: Response) {
      const access = readAccess(req)
      const form = body(req)
      const values = { ...access, email: text(form, 'email', 254) }
      const checked = validateForm(newUserSchema, { name: access.name, email: values.email, role: access.role })
      if (!checked.ok) return render(res, undefined, values, checked.errors)
      const result = await accounts.create(
        {
          email: checked.value.email,
          name: access.name,
          role: access.role as StaffRole,
          password: String(form.password ?? ''),
          hubIds: access.hubIds,
        },
        currentStaff(res),
      )
      if (!result.ok) return render(res, undefined, values, { [result.field]: result.message })
      keepFlash(
        req,
        'staffNotice',
        `Account made for ${access.name}. Give them their password in person or by phone, or ask them to use “Forgotten your password?”.`,
      )
      res.redirect(paths.staff.users.index)
    },

    async edit(req: Request, res: Response) {
      const user = notFoundUnless(await accounts.get(idParam(req, 'userId')))
      await render(res, user.id, { ...user, deactivate: user.active ? [] : ['yes'] }, {})
    },

    async update(req: Request, res: Response) {
      const user = notFoundUnless(await accounts.get(idParam(req, 'userId')))
      const access = readAccess(req)
      const checked = validateForm(userUpdateSchema(user.id === currentStaff(res).id), {
        name: access.name,
        role: access.role,
        active: access.active,
      })
      if (!checked.ok)
        return render(res, user.id, { ...access, email: user.email, deactivate: access.active ? [] : ['yes'] }, checked.errors)
      await accounts.update(
        user.id,
        { name: access.name, role: access.role as StaffRole, active: access.active, hubIds: access.hubIds },
        currentStaff(res),
      )
      keepFlash(req, 'staffNotice', `${access.name} saved`)
      res.redirect(paths.staff.users.index)
    },
  }
}
