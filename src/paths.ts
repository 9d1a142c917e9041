/**
 * Every URL of the service, once. Routes, redirects, views (as `paths`) and tests use these.
 * Functions build URLs with parameters; the `pattern` strings are what Express routes match.
 */
export const paths = {
  home: '/',
  healthz: '/healthz',
  readyz: '/readyz',
  accessibility: '/accessibility',
  privacy: '/privacy',
  programmes: {
    pattern: '/programmes/:slug',
    show: (slug: string) => `/programmes/${encodeURIComponent(slug)}`,
  },
  courses: {
    pattern: '/courses/:courseId',
    show: (courseId: number) => `/courses/${courseId}`,
  },
  booking: {
    // The parent's booking journey for a course or drop-in (a place, or the waiting list when full).
    startPattern: '/courses/:courseId/book',
    start: (courseId: number) => `/courses/${courseId}/book`,
  },
  manage: {
    // The private manage link in every confirmation: view, cancel, accept or decline an offer.
    pattern: '/manage/:token',
    show: (token: string) => `/manage/${token}`,
    findMyBookings: '/find-my-bookings',
  },
  staff: {
    home: '/staff',
  },
  hubs: {
    index: '/hubs',
    pattern: '/hubs/:slug',
    show: (slug: string) => `/hubs/${encodeURIComponent(slug)}`,
  },
  devOutbox: {
    index: '/dev/outbox',
    pattern: '/dev/outbox/:file',
    show: (file: string) => `/dev/outbox/${encodeURIComponent(file)}`,
  },
} as const

export type Paths = typeof paths
