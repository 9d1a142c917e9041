import type { Request } from 'express'
import { HttpError } from '../../middleware/error-handler.js'
import { field, fieldList, formBody, type FormBody } from '../forms/fields.js'

/** Staff forms read with the shared readers; free text is capped at 500 characters unless told. */
export type { FormBody }
export const body = formBody

export const text = (form: FormBody, name: string, maxLength = 500): string => field(form, name, maxLength)

export const optionalText = (form: FormBody, name: string, maxLength = 500): string | null => text(form, name, maxLength) || null

export const list = fieldList

export const checked = (form: FormBody, name: string, value = 'yes'): boolean => list(form, name).includes(value)

/** A positive whole-number id from the route, or 404. */
export function idParam(req: Request, name: string): number {
  const raw = req.params[name]
  const id = typeof raw === 'string' && /^[0-9]{1,9}$/.test(raw) ? Number(raw) : NaN
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, 'Not found')
  return id
}

export function notFoundUnless<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new HttpError(404, 'Not found')
  return value
}

/** An erased family's record is kept only for the figures: nothing may be added to it again. */
export function refuseIfErased<T extends { anonymisedAt: Date | null }>(family: T): T {
  if (family.anonymisedAt) throw new HttpError(409, 'This family’s personal data was erased, so their record cannot be changed.')
  return family
}
