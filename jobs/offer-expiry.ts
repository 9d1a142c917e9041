import type { Agenda, Job } from 'agenda'
import type { Services } from '../src/services/index.js'
import { OFFER_EXPIRY_JOB, OFFER_EXPIRY_SWEEP_JOB } from './job-names.js'

export interface OfferExpiryData {
  bookingId: number
}

/**
 * Scheduled at an offer's expiry time. Re-reads the booking: only an offer that is still open and
 * past its time is expired (then the place goes to the next in line), so running twice, or after
 * the family has answered, changes nothing.
 */
export function offerExpiryHandler(services: Pick<Services, 'booking'>) {
  return async (job: Pick<Job<OfferExpiryData>, 'attrs'>): Promise<void> => {
    const bookingId = Number(job.attrs.data?.bookingId)
    if (!Number.isInteger(bookingId)) return
    await services.booking.expireOffer(bookingId)
  }
}

/** Backs up the per-offer job: any offer past its time (its job lost in a crash) is expired. */
function offerExpirySweepHandler(services: Pick<Services, 'booking'>) {
  return async (): Promise<void> => {
    await services.booking.expireOverdueOffers()
  }
}

const OFFER_EXPIRY_SWEEP_INTERVAL = '10 minutes'

export async function defineOfferJobs(agenda: Agenda, services: Services): Promise<void> {
  agenda.define<OfferExpiryData>(OFFER_EXPIRY_JOB, offerExpiryHandler(services))
  agenda.define(OFFER_EXPIRY_SWEEP_JOB, offerExpirySweepHandler(services))
  await agenda.every(OFFER_EXPIRY_SWEEP_INTERVAL, OFFER_EXPIRY_SWEEP_JOB, undefined, { skipImmediate: true })
}
