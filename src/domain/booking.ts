/**
 * confirmed and offered hold a place (counted in courses.places_taken by the capacity trigger);
 * waiting is in the queue; the rest are ended.
 */
export const bookingStatuses = ['confirmed', 'offered', 'waiting', 'cancelled', 'declined', 'expired', 'left_waiting_list'] as const
export type BookingStatus = (typeof bookingStatuses)[number]
export const placeHoldingStatuses: readonly BookingStatus[] = ['confirmed', 'offered']
export const activeStatuses: readonly BookingStatus[] = ['confirmed', 'offered', 'waiting']

export const bookingSources = ['online', 'reception', 'walk_in', 'text_message'] as const
export type BookingSource = (typeof bookingSources)[number]

export const attendanceStatuses = ['attended', 'did_not_attend', 'cancelled_late'] as const
export type AttendanceStatus = (typeof attendanceStatuses)[number]
