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
