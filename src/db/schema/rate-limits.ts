import { bigint, integer, pgTable, varchar } from 'drizzle-orm/pg-core'

/**
 * Request counters for rate limits (booking forms, "find my bookings"), shared by every web
 * process. The layout is the one rate-limiter-flexible's RateLimiterPostgres expects; it is made
 * here rather than by the library so that it exists before the first request.
 */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  // Milliseconds since the epoch, as the library writes it.
  expire: bigint('expire', { mode: 'number' }),
})
