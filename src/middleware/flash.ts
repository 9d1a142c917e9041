import type { Request } from 'express'

/**
 * The one flash mechanism: something kept in the session by one request for the next page to show
 * once. Each kind may be tied to a scope (the form's path, the booking's id); taking a kind always
 * removes it, and gives it back only on the page it was meant for.
 */
export type FormErrors = Record<string, string>
export type FormValues = Record<string, unknown>

export interface FlashKinds {
  /** A form that failed validation (Post/Redirect/Get): its messages and what was typed. */
  form: {
    // Pairs, not an object: the session is stored as jsonb, which would reorder the keys, and the
    // error summary must list the messages in the order of the fields on the page.
    errors: [string, string][]
    values: FormValues
  }
  /** A one-off success message for a family's manage page ("Your booking has been cancelled"). */
  bookingNotice: string
  /** A one-off "done" message for the next staff page. */
  staffNotice: string
}

type Kept = { [K in keyof FlashKinds]?: { scope: string; value: FlashKinds[K] } }

declare module 'express-session' {
  interface SessionData {
    flash?: Kept
  }
}

export function keepFlash<K extends keyof FlashKinds>(req: Request, kind: K, value: FlashKinds[K], scope = ''): void {
  req.session.flash = { ...req.session.flash, [kind]: { scope, value } }
}

export function takeFlash<K extends keyof FlashKinds>(req: Request, kind: K, scope = ''): FlashKinds[K] | undefined {
  const kept = req.session?.flash?.[kind] as { scope: string; value: FlashKinds[K] } | undefined
  if (!kept) return undefined
  const { [kind]: _taken, ...rest } = req.session.flash ?? {}
  if (Object.keys(rest).length) req.session.flash = rest
  else delete req.session.flash
  return kept.scope === scope ? kept.value : undefined
}

/** Post/Redirect/Get with errors: keep them for the GET of `path`, which takes them back out. */
export function keepFormErrors(req: Request, path: string, errors: FormErrors, values: FormValues): void {
  keepFlash(req, 'form', { errors: Object.entries(errors), values }, path)
}

export function takeFormErrors(req: Request, path: string): { errors: FormErrors; values: FormValues } | undefined {
  const kept = takeFlash(req, 'form', path)
  return kept && { errors: Object.fromEntries(kept.errors), values: kept.values }
}
