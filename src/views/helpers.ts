import { formatDate, formatSessionTime, formatShortDate, formatTime, formatTimeRange } from '../time.js'

/** Functions every view can call. */
export const viewHelpers = {
  formatDate,
  formatShortDate,
  formatTime,
  formatTimeRange,
  formatSessionTime,
  /** "1 place left", "3 places left" */
  placesLeftText: (n: number) => (n === 1 ? '1 place left' : `${n} places left`),
  plural: (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`,
}
