import type { Request } from 'express'
import { HttpError } from '../../middleware/error-handler.js'

/** Small readers for urlencoded forms: every value arrives as a string, an array, or nothing. */
export type FormBody = Record<string, unknown>

export const body = (req: Request): FormBody => (req.body ?? {}) as FormBody

export function text(form: FormBody, name: string, maxLength = 500): string {
  const value = form[name]
  return typeof value === 'string' ? value.trim().slice(0, maxLength) : ''
}

export const optionalText = (form: FormBody, name: string, maxLength = 500): string | null => text(form, name, maxLength) || null

export function list(form: FormBody, name: string): string[] {
  const value = form[name]
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string')
  return typeof value === 'string' && value !== '' ? [value] : []
}

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
