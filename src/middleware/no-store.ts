import type { NextFunction, Request, Response } from 'express'

/**
 * For pages that show a family's own details or a private link (the booking journey, its
 * confirmation with the manage link, "find my bookings", the manage pages): no browser, proxy or
 * shared computer's back button keeps a copy.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set('Cache-Control', 'no-store')
  next()
}
