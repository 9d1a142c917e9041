import type { Language } from '../../../src/i18n/languages.js'
import { writtenIn } from '../../../src/services/notifications/message-renderer.js'
import type { BookingMessageContext, HubRow, SessionRow } from '../../../src/data/notifications/message-context-repository.js'
import { bookingFacts, type MessageView } from '../../../src/services/notifications/message-view.js'
import { londonTime } from '../../../src/time.js'

export const settings = {
  baseUrl: 'https://familyhubs.coventry.gov.uk',
  serviceName: 'Book a family hub course',
  sessionSecret: 'unit-test-secret-unit-test-secret-123',
}

export function aHubRow(overrides: Partial<HubRow> = {}): HubRow {
  return {
    id: 1,
    slug: 'foleshill',
    name: 'Foleshill Family Hub',
    addressLines: ['Livingstone Road', 'Coventry'],
    postcode: 'CV6 5AY',
    phone: '024 7678 5000',
    email: 'foleshill@familyhubs.example',
    openingHours: 'Monday to Friday, 9am to 5pm',
    stepFree: true,
    parking: false,
    babyChange: true,
    accessibilityNotes: null,
    gettingThere: null,
    createdAt: new Date(),
    ...overrides,
  }
}

export function aSessionRow(id: number, date: string, start = '10:00', end = '12:00', overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    id,
    courseId: 1,
    startsAt: londonTime(date, start),
    endsAt: londonTime(date, end),
    hubId: null,
    room: null,
    onlineUrl: null,
    cancelledAt: null,
    sequence: 0,
    createdAt: new Date(),
    ...overrides,
  }
}

/** A booking's facts as the database would give them, without a database. */
export function aContext(
  options: {
    title?: string
    hub?: HubRow | null
    sessions?: SessionRow[]
    status?: BookingMessageContext['booking']['status']
    calendarSequence?: number
  } = {},
): BookingMessageContext {
  const hub = options.hub === undefined ? aHubRow() : options.hub
  const sessions = options.sessions ?? [aSessionRow(11, '2027-03-22'), aSessionRow(12, '2027-03-29')]
  return {
    booking: {
      id: 42,
      reference: 'FH-7K3P-Q9',
      language: 'en',
      courseId: 1,
      familyId: 1,
      programmeId: 1,
      programmeQueue: false,
      waitsForAnyRun: false,
      status: options.status ?? 'confirmed',
      source: 'online',
      contactEmail: 'amira@example.com',
      contactPhone: '+447700900123',
      requestKey: null,
      manageNonce: 'nonce-for-tests',
      manageTokenHash: 'hash',
      waitlistJoinedAt: null,
      offeredAt: null,
      offerExpiresAt: londonTime('2027-03-20', '14:00'),
      confirmedAt: new Date(),
      endedAt: null,
      cancelReason: null,
      overbooked: false,
      overbookReason: null,
      createdByStaffId: null,
      calendarSequence: options.calendarSequence ?? 0,
      createdAt: new Date(),
      updatedAt: new Date(),
    },
    family: {
      id: 1,
      parentName: 'Amira Khan',
      otherCarers: null,
      messageLanguage: null,
      email: 'amira@example.com',
      phone: '+447700900123',
      postcode: null,
      contactByEmail: true,
      contactBySms: true,
      consentGivenAt: new Date(),
      consentSource: 'online',
      consentRecordedBy: null,
      interpreterLanguage: null,
      needsStepFree: false,
      needsChildcare: false,
      otherSupport: null,
      priority: false,
      referredBy: null,
      referralNotes: null,
      notes: null,
      createdAt: new Date(),
      updatedAt: new Date(),
      anonymisedAt: null,
    },
    course: {
      id: 1,
      programmeId: 1,
      kind: sessions.length === 1 ? 'drop_in' : 'course',
      hubId: hub?.id ?? null,
      onlineUrl: hub ? null : 'https://meet.example/abc',
      capacity: 10,
      placesTaken: 1,
      overbookedPlaces: 0,
      bookingOpen: true,
      cancelledAt: null,
      notes: null,
      createdAt: new Date(),
    },
    programme: {
      id: 1,
      slug: 'p',
      title: options.title ?? "Understanding your child's behaviour",
      summary: 's',
      description: 'd',
      topics: [],
      audience: 'parents',
      childAgeFromMonths: null,
      childAgeToMonths: null,
      language: 'English',
      delivery: hub ? 'in_person' : 'online',
      bookingMode: 'open',
      reminderSettings: null,
      offerHours: null,
      offerRounds: null,
      openOfferMinutesBeforeStart: null,
      createdAt: new Date(),
    },
    hub,
    sessions: sessions.map((session) => ({ session, hub })),
  }
}

export function aView(
  kind: string,
  context: BookingMessageContext,
  options: { sessionId?: number; payload?: Record<string, unknown>; baseUrl?: string; language?: Language } = {},
): MessageView {
  const s = { ...settings, baseUrl: options.baseUrl ?? settings.baseUrl }
  const payload = options.payload ?? {}
  return {
    kind,
    channel: 'sms',
    serviceName: s.serviceName,
    baseUrl: s.baseUrl,
    payload,
    booking: bookingFacts(s, context, options.sessionId ?? null, payload),
    link: undefined,
    ...writtenIn(options.language ?? context.booking.language),
  }
}
