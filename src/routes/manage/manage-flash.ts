import type { Request } from 'express'

declare module 'express-session' {
  interface SessionData {
    /** A one-off success message for the manage page ("Your booking has been cancelled"). */
    manageNotice?: { bookingId: number; message: string }
  }
}

export function keepNotice(req: Request, bookingId: number, message: string): void {
  req.session.manageNotice = { bookingId, message }
}

export function takeNotice(req: Request, bookingId: number): string | undefined {
  const notice = req.session.manageNotice
  if (!notice) return undefined
  delete req.session.manageNotice
  return notice.bookingId === bookingId ? notice.message : undefined
}
