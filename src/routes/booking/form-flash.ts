import type { Request } from 'express'

/**
 * Post/Redirect/Get with errors: a POST that fails validation keeps the messages and what was
 * typed in the session and redirects to the GET, which takes them back out (once).
 */
export type FormErrors = Record<string, string>
export type FormValues = Record<string, unknown>

interface FormFlash {
  path: string
  // Pairs, not an object: the session is stored as jsonb, which would reorder the keys, and the
  // error summary must list the messages in the order of the fields on the page.
  errors: [string, string][]
  values: FormValues
}

declare module 'express-session' {
  interface SessionData {
    formFlash?: FormFlash
  }
}

export function keepFormErrors(req: Request, path: string, errors: FormErrors, values: FormValues): void {
  req.session.formFlash = { path, errors: Object.entries(errors), values }
}

/** The errors and values kept for this page, if any; removed from the session as they are read. */
export function takeFormErrors(req: Request, path: string): { errors: FormErrors; values: FormValues } | undefined {
  const flash = req.session.formFlash
  if (!flash) return undefined
  delete req.session.formFlash
  return flash.path === path ? { errors: Object.fromEntries(flash.errors), values: flash.values } : undefined
}

/** A form field as one trimmed string ('' when missing or sent as something else). */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value.trim() : ''
}

/** A checkbox group's values (none, one or many). */
export function fieldList(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return typeof value === 'string' ? [value] : []
}
