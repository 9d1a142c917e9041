/** Whose sessions a calendar feed lists: a family record's bookings, a member of staff's, or a hub's. */
export const calendarFeedKinds = ['family', 'facilitator', 'hub'] as const
export type CalendarFeedKind = (typeof calendarFeedKinds)[number]
