/** Jobs the booking service puts on the queue (handlers in src/jobs/offer-*.ts). */
export const OFFER_EXPIRY_JOB = 'offer-expiry'
/** Every few minutes: expires any offer whose own job was lost (a crash right after commit). */
export const OFFER_EXPIRY_SWEEP_JOB = 'offer-expiry-sweep'
