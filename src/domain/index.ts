/**
 * Types and value lists shared by every layer: data, services, routes and the drizzle schema.
 * Plain TypeScript only (no drizzle), so a service can name a status without reaching into the schema.
 */
export * from './booking.js'
export * from './catalogue.js'
export * from './families.js'
export * from './notifications.js'
export * from './staff.js'
export * from './catalogue-filters.js'
