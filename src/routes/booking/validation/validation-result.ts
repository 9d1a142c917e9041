import type { Request, Response } from 'express'
import { keepFormErrors, type FormErrors, type FormValues } from '../../../middleware/flash.js'

/** A form's answer, or the GOV.UK-style messages keyed by the id of the field to fix. */
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FormErrors; values: FormValues }

/**
 * Post/Redirect/Get for a refused answer: keeps the messages and what was typed for the next GET
 * of the question, sends them back to it, and says so (true) so the step stops there.
 */
export function sentBack<T>(
  req: Request,
  res: Response,
  result: Validated<T>,
  question: string,
): result is Extract<Validated<T>, { ok: false }> {
  if (result.ok) return false
  keepFormErrors(req, req.path, result.errors, result.values)
  res.redirect(question)
  return true
}
