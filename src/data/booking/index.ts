import type { Config } from '../../config.js'
import type { Database } from '../../db/database.js'
import { BookingRepository } from '../booking-repository.js'
import { FamilyRepository } from '../family-repository.js'
import { AccessLinkRepository } from './access-link-repository.js'
import { SubscriptionStore } from '../new-dates/subscription-store.js'
import { postgresRateLimit } from './rate-limit-store.js'
import { MessageContextRepository } from '../notifications/message-context-repository.js'
import { OpenOfferRepository } from './open-offer-repository.js'

/** The booking journey's data access (part of the dataAccess() composition root). */
export function bookingData(database: Database, config: Config) {
  return {
    bookings: new BookingRepository(),
    families: new FamilyRepository(),
    accessLinks: new AccessLinkRepository(),
    // "Tell me about new dates" subscriptions and their messages (issue 10).
    newDates: new SubscriptionStore(),
    openOffers: new OpenOfferRepository(),
    // The notification engineer's read model of a booking, for the .ics download.
    messageContext: new MessageContextRepository(database.db),
    rateLimits: {
      bookingPosts: postgresRateLimit(database.pool, { name: 'booking', points: config.rateLimits.bookingPostsPer15Minutes, durationSeconds: 15 * 60 }),
      // Completed bookings and waiting-list joins, counted once each (not every step of the form).
      bookingsPerAddress: postgresRateLimit(database.pool, { name: 'bookings-address', points: config.rateLimits.bookingsPerAddressPerHour, durationSeconds: 60 * 60 }),
      bookingsPerContact: postgresRateLimit(database.pool, { name: 'bookings-contact', points: config.rateLimits.bookingsPerContactPerDay, durationSeconds: 24 * 60 * 60 }),
      findMyBookings: postgresRateLimit(database.pool, { name: 'find-my-bookings', points: config.rateLimits.findMyBookingsPerHour, durationSeconds: 60 * 60 }),
    },
  }
}

