export const deliveryModes = ['in_person', 'online', 'both'] as const
export type DeliveryMode = (typeof deliveryModes)[number]
export const bookingModes = ['open', 'referral'] as const
export type BookingMode = (typeof bookingModes)[number]
export const audiences = ['parents', 'pregnant', 'practitioners'] as const
export type Audience = (typeof audiences)[number]
export const courseKinds = ['course', 'drop_in'] as const
export type CourseKind = (typeof courseKinds)[number]
