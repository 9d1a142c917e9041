/**
 * When a waiting-list offer ends: offerHours after it is made, but never later than
 * minHoursBeforeStart before the first session, so that a family who does not answer leaves time
 * for the next. Undefined when that leaves no time at all: the offer is skipped.
 */
export function offerExpiry(
  now: Date,
  firstStartsAt: Date | null,
  settings: { offerHours: number; minHoursBeforeStart: number },
): Date | undefined {
  if (!firstStartsAt) return undefined
  const hour = 60 * 60 * 1000
  const byLength = now.getTime() + settings.offerHours * hour
  const latest = firstStartsAt.getTime() - settings.minHoursBeforeStart * hour
  const expiresAt = Math.min(byLength, latest)
  return expiresAt > now.getTime() ? new Date(expiresAt) : undefined
}
