import type { Config } from '../../config.js'
import type { LockedCourse } from '../../data/course-lock.js'
import type { OfferRules } from './offer-timing.js'

/**
 * The waiting-list rules for one run: the service's settings, with its programme's own offer
 * length, rounds and open-offer cut-off where staff set them. Drop-ins keep open offers going
 * later than courses (families nearby can still come to a single session).
 */
export function offerRulesFor(
  locked: Pick<LockedCourse, 'course' | 'programmeOfferRules'>,
  config: Pick<Config, 'waitingList' | 'reminders'>,
): OfferRules {
  const settings = config.waitingList
  const own = locked.programmeOfferRules
  const offerHours = own?.offerHours ?? settings.offerHours
  const openCutOff =
    locked.course.kind === 'drop_in' ? settings.openOfferMinMinutesBeforeStart : settings.openOfferCourseMinMinutesBeforeStart
  return {
    offerHours,
    // A programme's shorter offer length also shortens the floor: the floor is never the longer.
    offerMinHours: Math.min(settings.offerMinHours, offerHours),
    offerRounds: own?.offerRounds ?? settings.offerRounds,
    minHoursBeforeStart: settings.minHoursBeforeStart,
    openOffers: settings.openOffers,
    openOfferMinutesBeforeStart: own?.openOfferMinutesBeforeStart ?? openCutOff,
    quietHours: { start: config.reminders.quietHoursStart, end: config.reminders.quietHoursEnd },
  }
}
