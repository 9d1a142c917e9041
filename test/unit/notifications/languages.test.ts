import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import ICAL from 'ical.js'
import type { NotificationRow } from '../../../src/data/notifications/notification-repository.js'
import type { BookingMessageContext, MessageContextRepository } from '../../../src/data/notifications/message-context-repository.js'
import { languages, type Language } from '../../../src/i18n/languages.js'
import { localesDir } from '../../../src/i18n/translator.js'
import { bookingMessageKinds, sessionChangeKinds } from '../../../src/services/notifications/booking-notifier.js'
import { bookingCalendar } from '../../../src/services/notifications/calendar.js'
import { smsSize } from '../../../src/services/notifications/gsm7.js'
import { messageKind } from '../../../src/services/notifications/message-kinds.js'
import { MessageRenderer } from '../../../src/services/notifications/message-renderer.js'
import { aContext, aHubRow, aSessionRow, settings } from './message-fixtures.js'

const inLanguage = (context: BookingMessageContext, language: Language): BookingMessageContext => ({
  ...context,
  booking: { ...context.booking, language },
})

const rendererFor = (context: BookingMessageContext, baseUrl = settings.baseUrl) =>
  new MessageRenderer({ ...settings, baseUrl, mailFrom: 'Family Hubs <bookings@familyhubs.example>', cacheTemplates: false }, {
    forBooking: async () => context,
  } as unknown as MessageContextRepository)

function aRow(
  kind: string,
  channel: 'email' | 'sms',
  payload: Record<string, unknown> = {},
  bookingId: number | null = 42,
): NotificationRow {
  return {
    id: 7,
    createdAt: new Date('2027-03-01T10:00:00Z'),
    kind,
    channel,
    bookingId,
    sessionId: 11,
    dedupeKey: `${kind}:x`,
    recipient: channel === 'email' ? 'amira@example.com' : '+447700900123',
    payload: { waitlistPosition: 3, previousStartsAt: '2027-03-15T10:00:00.000Z', ...payload },
  } as unknown as NotificationRow
}

const statusFor = (kind: string) => (kind === 'place_offered' ? 'offered' : kind === 'waitlist_joined' ? 'waiting' : 'confirmed')

/** Every English sentence fragment of the message file (between placeholders), long enough to be words, not names. */
function englishFragments(): string[] {
  const found: string[] = []
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const part of value.split(/\{\{[^}]*\}\}/)) if (part.trim().length >= 12 && part.includes(' ')) found.push(part.trim())
    } else if (value && typeof value === 'object') Object.values(value).forEach(walk)
  }
  const { _review, ...messages } = JSON.parse(readFileSync(`${localesDir}/en/messages.json`, 'utf8')) as Record<string, unknown>
  void _review
  walk(messages)
  return found
}

const emailKinds = [...bookingMessageKinds, ...sessionChangeKinds, 'reminder_email_48h']
const smsKinds = [...bookingMessageKinds, ...sessionChangeKinds, 'reminder_sms_3h']
/** Texts that must carry the manage link (the others have nothing to click). */
const linkKinds = new Set(['booking_confirmed', 'waitlist_joined', 'place_offered', 'session_moved', 'session_cancelled'])

describe('Messages in every language', () => {
  const fragments = englishFragments()

  for (const language of languages) {
    it(`${language}: renders every email (subject, HTML, text) with no missing key, lang and dir on <html>`, async () => {
      for (const kind of emailKinds) {
        for (const hub of [aHubRow(), null]) {
          const context = inLanguage(aContext({ hub, status: statusFor(kind) }), language)
          const renderer = rendererFor(context)
          const row = aRow(kind, 'email')
          const definition = messageKind(kind)!
          const email = await renderer.email(row, await renderer.view(row, definition), definition)
          for (const part of [email.subject, email.html, email.text]) {
            expect(part, `${language} ${kind}`).not.to.match(/messages:|common:|undefined|NaN|\[object/)
            if (language !== 'en')
              for (const fragment of fragments) expect(part, `${language} ${kind} has English "${fragment}"`).not.to.include(fragment)
          }
          expect(email.html).to.include(`<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}"`)
          expect(email.language).to.equal(language)
          expect(email.text).to.include('FH-7K3P-Q9')
        }
      }
    })

    it(`${language}: writes "find my bookings" in the language the family asked in`, async () => {
      const renderer = rendererFor(aContext())
      const row = aRow('find_my_bookings', 'email', { language, nonce: 'n', expiresAt: '2027-03-20T15:00:00.000Z' }, null)
      const definition = messageKind('find_my_bookings')!
      const email = await renderer.email(row, await renderer.view(row, definition), definition)
      expect(email.html).to.include(`<html lang="${language}"`)
      if (language !== 'en') for (const fragment of fragments) expect(email.text).not.to.include(fragment)
    })

    it(`${language}: keeps every text to two segments${language === 'en' ? ' of GSM-7' : ''} with long titles and hubs, always with the link and reference`, async () => {
      const titles = [
        'Baby massage',
        'Solihull Approach: understanding your child, for parents of teenagers',
        'Incredible Years: Parenting Babies and Toddlers (0-3 years) with Health Visitors',
        'ਪੰਜਾਬੀ ਵਿੱਚ ਮਾਪਿਆਂ ਲਈ ਬੱਚਿਆਂ ਦੀ ਦੇਖਭਾਲ ਅਤੇ ਖੇਡ ਦਾ ਸਮੂਹ',
        'مجموعة اللعب والتعلم للأطفال الصغار وأولياء الأمور باللغة العربية',
      ]
      const hubs = [aHubRow({ name: 'Willenhall and Wood End Family Hub (Jardine Crescent)', phone: '024 7678 8430' }), aHubRow(), null]
      const sessionSets = [
        [aSessionRow(11, '2027-09-29', '13:15', '15:00')],
        [aSessionRow(11, '2027-09-29', '10:30', '12:00'), aSessionRow(12, '2027-10-06', '10:30', '12:00')],
      ]
      for (const kind of smsKinds)
        for (const title of titles)
          for (const hub of hubs)
            for (const sessions of sessionSets) {
              const context = inLanguage(aContext({ title, hub, sessions, status: statusFor(kind) }), language)
              const renderer = rendererFor(context)
              const row = aRow(kind, 'sms')
              const definition = messageKind(kind)!
              const view = await renderer.view(row, definition)
              const text = renderer.sms(view, definition)
              const size = smsSize(text)
              expect(size.segments, `${kind} ${size.encoding} ${size.units}: ${text}`).to.be.at.most(2)
              if (language === 'en') expect(size.encoding).to.equal('GSM-7')
              // A reminder names the session, not the booking: it carries no reference.
              if (kind !== 'reminder_sms_3h') expect(text, text).to.include('FH-7K3P-Q9')
              if (linkKinds.has(kind)) expect(text, text).to.include(view.booking!.manageUrl)
              expect(text, text).not.to.match(/messages:|undefined|NaN/)
              if (language !== 'en')
                for (const fragment of fragments) expect(text, `${kind} has English "${fragment}"`).not.to.include(fragment)
            }
    })

    it(`${language}: writes the calendar invite's words in the booking's language, and it parses`, () => {
      const context = inLanguage(aContext({ hub: null }), language)
      const ics = bookingCalendar(context, {
        method: 'REQUEST',
        manageUrl: 'https://familyhubs.coventry.gov.uk/manage/abc',
        baseUrl: settings.baseUrl,
        serviceName: settings.serviceName,
        fallbackOrganizerEmail: 'bookings@familyhubs.example',
      })
      const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent))
      expect(events).to.have.length(2)
      expect(events.map((e) => e.uid)).to.deep.equal([
        `booking-42-session-11@familyhubs.coventry.gov.uk`,
        `booking-42-session-12@familyhubs.coventry.gov.uk`,
      ])
      const words = {
        en: ['session 1 of 2', 'Booking reference', 'Join online', 'Online'],
        pl: ['spotkanie 1 z 2', 'Numer rezerwacji', 'Dołącz online', 'Online'],
        pa: ['ਸੈਸ਼ਨ 1', 'ਬੁਕਿੰਗ ਹਵਾਲਾ', 'ਔਨਲਾਈਨ ਸ਼ਾਮਲ ਹੋਵੋ', 'ਔਨਲਾਈਨ'],
        ar: ['الجلسة 1 من 2', 'الرقم المرجعي للحجز', 'انضم عبر الإنترنت', 'عبر الإنترنت'],
      }[language]
      expect(events[0]!.summary).to.include(words[0])
      expect(events[0]!.description).to.include(words[1]).and.include(words[2]).and.include('FH-7K3P-Q9')
      expect(events[0]!.location).to.equal(words[3])
    })
  }
})
