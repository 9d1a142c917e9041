import { availableParallelism } from 'node:os'
import { z } from 'zod'

/**
 * The only module that reads process.env. Every setting is checked at start-up: a wrong value
 * stops the process with one line naming the variable and what it expects (see loadConfig).
 * .env.example documents each one.
 */
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
const port = z.coerce
  .number({ error: 'a whole number from 1 to 65535' })
  .int('a whole number from 1 to 65535')
  .min(0, 'a whole number from 1 to 65535')
  .max(65535, 'a whole number from 1 to 65535')
const hours = (fallback: number) => z.coerce.number({ error: 'a number of hours' }).positive('a positive number of hours').default(fallback)
const hourOfDay = (fallback: number) =>
  z.coerce.number().int().min(0, 'an hour from 0 to 23').max(23, 'an hour from 0 to 23').default(fallback)
const postgresUrl = optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
  message: 'a PostgreSQL URL such as postgres://user:password@localhost:5432/family_hubs',
})
const httpUrl = optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: 'an http(s) URL' })

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production'], { error: 'one of development, test, production' }).default('development'),
    // 0 asks for any free port (the start-up message then shows the one chosen).
    PORT: port.default(3000),
    HOST: z.string().default('0.0.0.0'),
    BASE_URL: httpUrl,
    // pretty: one readable line per event (pino-pretty); json: for log collectors. Unset: pretty at a
    // terminal outside production. Production always logs JSON.
    LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'json or pretty' }).optional(),
    // Web processes (node:cluster) sharing the port. Unset: 1 in development, one per CPU core in production.
    WEB_CONCURRENCY: z.coerce
      .number({ error: 'a whole number from 1 to 64' })
      .int('a whole number from 1 to 64')
      .min(1, 'a whole number from 1 to 64')
      .max(64, 'a whole number from 1 to 64')
      .optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'a pino level such as info' })
      .default('info'),
    DATABASE_URL: postgresUrl,
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').default(10),
    DATA_DIR: z.string().min(1).default('./data'),
    SEED_DEMO_DATA: booleanFlag.optional(),
    SESSION_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, { message: 'at least 32 characters' }),
    SERVICE_NAME: z.string().min(1).default('Book a family hub course'),
    SMTP_URL: optionalString.refine((v) => v === undefined || /^smtps?:\/\/[^\s]+$/.test(v), { message: 'an smtp:// or smtps:// URL' }),
    MAIL_FROM: z.string().default('Family Hubs <bookings@familyhubs.example>'),
    TWILIO_ACCOUNT_SID: optionalString.refine((v) => v === undefined || /^AC[0-9a-fA-F]{32}$/.test(v), {
      message: 'an account SID: AC followed by 32 hex digits',
    }),
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_FROM: optionalString,
    TWILIO_MESSAGING_SERVICE_SID: optionalString.refine((v) => v === undefined || /^MG[0-9a-fA-F]{32}$/.test(v), {
      message: 'a Messaging Service SID: MG followed by 32 hex digits',
    }),
    // Only for tests and local fakes: where the twilio client sends its API calls.
    TWILIO_API_BASE_URL: httpUrl,
    OFFER_HOURS: hours(24),
    OFFER_MIN_HOURS_BEFORE_START: hours(2),
    // Offers that fit the time left (services/booking/offer-timing.ts): the shortest exclusive offer,
    // and how many families one after another should get a turn before the cut-off.
    OFFER_MIN_HOURS: hours(3),
    OFFER_ROUNDS: z.coerce
      .number({ error: 'a whole number from 1 to 24' })
      .int('a whole number from 1 to 24')
      .min(1, 'a whole number from 1 to 24')
      .max(24, 'a whole number from 1 to 24')
      .default(4),
    // Open offers: the last places offered to every family waiting at once, first to accept gets it.
    OPEN_OFFERS: booleanFlag.default(true),
    OPEN_OFFER_MIN_MINUTES_BEFORE_START: z.coerce
      .number({ error: 'a whole number of minutes' })
      .int('a whole number of minutes')
      .min(0, 'a whole number of minutes, 0 or more')
      .default(60),
    OPEN_OFFER_COURSE_MIN_MINUTES_BEFORE_START: z.coerce
      .number({ error: 'a whole number of minutes' })
      .int('a whole number of minutes')
      .min(0, 'a whole number of minutes, 0 or more')
      .default(60),
    // Reports: a booking cancelled less than this many hours before a session is a late cancellation.
    LATE_CANCELLATION_HOURS: hours(24),
    REMINDER_EMAIL_HOURS_BEFORE: hours(48),
    REMINDER_SMS_HOURS_BEFORE: hours(3),
    QUIET_HOURS_START: hourOfDay(21),
    QUIET_HOURS_END: hourOfDay(8),
    JOB_POLL_SECONDS: z.coerce.number().positive().default(5),
    // A message claimed for sending and not settled after this long belongs to a worker that stopped
    // (services/notifications/delivery-service.ts). Keep it above the 20-second Twilio request timeout.
    NOTIFICATION_CLAIM_TIMEOUT_SECONDS: z.coerce.number().int().min(1, 'a whole number of seconds').default(120),
    // Per client address: any booking form post per 15 minutes (a flood guard, high enough for a hub's
    // shared Wi-Fi), and "find my bookings" requests per hour.
    RATE_LIMIT_BOOKING_POSTS: z.coerce.number().int().min(1, 'a whole number, at least 1').default(600),
    // Completed bookings and waiting-list joins: per client address per hour, per email or phone per day.
    RATE_LIMIT_BOOKINGS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1, 'a whole number, at least 1').default(30),
    RATE_LIMIT_BOOKINGS_PER_CONTACT_PER_DAY: z.coerce.number().int().min(1, 'a whole number, at least 1').default(10),
    RATE_LIMIT_FIND_MY_BOOKINGS: z.coerce.number().int().min(1, 'a whole number, at least 1').default(10),
    // Open Referral UK API (/api/oruk) requests per client address per minute. Directories harvest
    // page by page; a whole catalogue at 100 services a page is a handful of requests.
    RATE_LIMIT_ORUK_API_PER_MINUTE: z.coerce.number().int().min(1, 'a whole number, at least 1').default(120),
    // The organisation that runs the hubs, as the Open Referral UK API names it to directories.
    ORUK_ORGANISATION_NAME: z.string().trim().min(1, 'a name').default('Family Hubs'),
    // How long an idle keep-alive connection stays open. Above a load balancer's idle timeout (60 s on
    // the common ones), so the balancer, not Node, closes idle connections: otherwise a request sent on
    // a connection Node is closing at that moment is lost. Headers must time out later still.
    // UK GDPR retention: a family's personal data is anonymised this many months after their last
    // session ended (or after the record was made, for a family that never booked).
    RETENTION_MONTHS: z.coerce
      .number({ error: 'a whole number of months, at least 1' })
      .int('a whole number of months, at least 1')
      .min(1, 'a whole number of months, at least 1')
      .default(24),
    HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce
      .number({ error: 'a number of seconds' })
      .int('a whole number of seconds')
      .min(1, 'at least 1 second')
      .default(65),
    HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce
      .number({ error: 'a number of seconds' })
      .int('a whole number of seconds')
      .min(1, 'at least 1 second')
      .default(66),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'required in production (at least 32 characters)' })
    }
    if (env.HTTP_HEADERS_TIMEOUT_SECONDS <= env.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_SECONDS'], message: 'more seconds than HTTP_KEEP_ALIVE_TIMEOUT_SECONDS' })
    }
    if (env.OFFER_MIN_HOURS > env.OFFER_HOURS) {
      ctx.addIssue({ code: 'custom', path: ['OFFER_MIN_HOURS'], message: 'no more hours than OFFER_HOURS' })
    }
    if (env.TWILIO_ACCOUNT_SID && !env.TWILIO_AUTH_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_AUTH_TOKEN'], message: 'required when TWILIO_ACCOUNT_SID is set' })
    }
    if (env.TWILIO_ACCOUNT_SID && !env.TWILIO_FROM && !env.TWILIO_MESSAGING_SERVICE_SID) {
      ctx.addIssue({
        code: 'custom',
        path: ['TWILIO_FROM'],
        message: 'TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID is required when TWILIO_ACCOUNT_SID is set',
      })
    }
  })

type Env = z.infer<typeof schema>

export interface Config {
  env: Env['NODE_ENV']
  isProduction: boolean
  port: number
  host: string
  /** Node's server.keepAliveTimeout and server.headersTimeout, in milliseconds. */
  http: { keepAliveTimeoutMs: number; headersTimeoutMs: number }
  baseUrl: string
  logLevel: Env['LOG_LEVEL']
  /** Unset means "pretty at a terminal, outside production" (logger.ts prettyLogs). */
  logFormat: Env['LOG_FORMAT']
  /** How many web processes main.ts runs (node:cluster when more than 1). */
  webConcurrency: number
  serviceName: string
  database: { url: string | undefined; poolSize: number; dataDir: string; seedDemoData: boolean | undefined }
  sessionSecret: string
  mail: { smtpUrl: string | undefined; from: string }
  twilio:
    | {
        accountSid: string
        authToken: string
        from: string | undefined
        messagingServiceSid: string | undefined
        apiBaseUrl: string | undefined
      }
    | undefined
  /**
   * Waiting-list offers (services/booking/offer-timing.ts). offerRounds 1 with openOffers false is
   * the old rule: a fixed offerHours offer capped at the cut-off, one family at a time.
   */
  waitingList: {
    offerHours: number
    minHoursBeforeStart: number
    offerMinHours: number
    offerRounds: number
    openOffers: boolean
    /** Drop-ins: open offers close this many minutes before the start. */
    openOfferMinMinutesBeforeStart: number
    /** Courses: open offers close this many minutes before the first session. */
    openOfferCourseMinMinutesBeforeStart: number
  }
  reports: { lateCancellationHours: number }
  reminders: { emailHoursBefore: number; smsHoursBefore: number; quietHoursStart: number; quietHoursEnd: number }
  jobs: { pollSeconds: number }
  notifications: { claimTimeoutSeconds: number }
  /** Months after a family's last session (or, with no bookings, the record's creation) before anonymisation. */
  dataProtection: { retentionMonths: number }
  rateLimits: {
    bookingPostsPer15Minutes: number
    bookingsPerAddressPerHour: number
    bookingsPerContactPerDay: number
    findMyBookingsPerHour: number
    orukApiPerMinute: number
  }
  /** The Open Referral UK API (routes/oruk). */
  oruk: { organisationName: string }
}

export class ConfigError extends Error {}

/** Parses an environment (process.env by default) into a Config, or throws ConfigError with one line. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0] ?? 'environment')
    throw new ConfigError(`Invalid setting ${name}: expected ${issue.message}`)
  }
  const env = parsed.data
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    port: env.PORT,
    host: env.HOST,
    http: { keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000, headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_SECONDS * 1000 },
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    webConcurrency: env.WEB_CONCURRENCY ?? (env.NODE_ENV === 'production' ? availableParallelism() : 1),
    serviceName: env.SERVICE_NAME,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, dataDir: env.DATA_DIR, seedDemoData: env.SEED_DEMO_DATA },
    // Outside production a fixed secret keeps sessions across restarts of a developer's app.
    sessionSecret: env.SESSION_SECRET ?? 'development-only-session-secret-not-for-production',
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    twilio: env.TWILIO_ACCOUNT_SID
      ? {
          accountSid: env.TWILIO_ACCOUNT_SID,
          authToken: env.TWILIO_AUTH_TOKEN!,
          from: env.TWILIO_FROM,
          messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
          apiBaseUrl: env.TWILIO_API_BASE_URL,
        }
      : undefined,
    waitingList: {
      offerHours: env.OFFER_HOURS,
      minHoursBeforeStart: env.OFFER_MIN_HOURS_BEFORE_START,
      offerMinHours: env.OFFER_MIN_HOURS,
      offerRounds: env.OFFER_ROUNDS,
      openOffers: env.OPEN_OFFERS,
      openOfferMinMinutesBeforeStart: env.OPEN_OFFER_MIN_MINUTES_BEFORE_START,
      openOfferCourseMinMinutesBeforeStart: env.OPEN_OFFER_COURSE_MIN_MINUTES_BEFORE_START,
    },
    reports: { lateCancellationHours: env.LATE_CANCELLATION_HOURS },
    reminders: {
      emailHoursBefore: env.REMINDER_EMAIL_HOURS_BEFORE,
      smsHoursBefore: env.REMINDER_SMS_HOURS_BEFORE,
      quietHoursStart: env.QUIET_HOURS_START,
      quietHoursEnd: env.QUIET_HOURS_END,
    },
    jobs: { pollSeconds: env.JOB_POLL_SECONDS },
    notifications: { claimTimeoutSeconds: env.NOTIFICATION_CLAIM_TIMEOUT_SECONDS },
    dataProtection: { retentionMonths: env.RETENTION_MONTHS },
    rateLimits: {
      bookingPostsPer15Minutes: env.RATE_LIMIT_BOOKING_POSTS,
      bookingsPerAddressPerHour: env.RATE_LIMIT_BOOKINGS_PER_ADDRESS_PER_HOUR,
      bookingsPerContactPerDay: env.RATE_LIMIT_BOOKINGS_PER_CONTACT_PER_DAY,
      findMyBookingsPerHour: env.RATE_LIMIT_FIND_MY_BOOKINGS,
      orukApiPerMinute: env.RATE_LIMIT_ORUK_API_PER_MINUTE,
    },
    oruk: { organisationName: env.ORUK_ORGANISATION_NAME },
  }
}
