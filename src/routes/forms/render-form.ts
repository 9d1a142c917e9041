import type { Response } from 'express'

/** Messages keyed by field id, or the error summary's list of { text, href }. */
type ShownErrors = Record<string, string | undefined> | { text: string }[] | undefined

const anyError = (errors: ShownErrors): boolean => (Array.isArray(errors) ? errors.length > 0 : Object.values(errors ?? {}).some(Boolean))

/**
 * Renders a page with a form. When it shows validation errors the answer is 400 (unless the
 * controller chose an error status already, like 429 for a locked account): the controller
 * decides, knowing what it is showing, rather than the view or a middleware guessing.
 */
export function renderForm(res: Response, view: string, locals: Record<string, unknown>, errors = locals.errors as ShownErrors): void {
  if (anyError(errors) && res.statusCode < 400) res.status(400)
  res.render(view, locals)
}
