import { expect } from 'chai'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { bookings } from '../../../src/db/schema/index.js'
import type { Language } from '../../../src/i18n/languages.js'
import { localeFormat } from '../../../src/i18n/format.js'
import { londonTime } from '../../../src/time.js'
import { aBooking, readInvite, recordEvent } from './notification-helpers.js'

describe('Notifications: emails in the language the family booked in', () => {
  const t = useTestApp({
    fakes: { smtp: true },
    env: ({ smtp }) => ({ SMTP_URL: smtp.url, BASE_URL: 'https://familyhubs.coventry.example' }),
  })

  async function aConfirmationIn(language: Language) {
    const hub = await aHub({ name: 'Foleshill Family Hub', phone: '024 7678 5000' })
    const programme = await aProgramme({ title: 'Baby massage' })
    const { course } = await aCourse({ hubId: hub.id, programmeId: programme.id, sessions: weekly('2031-03-04', 2, '10:00', '12:00') })
    const { booking } = await aBooking(t, course.id)
    await testDatabase().db.update(bookings).set({ language }).where(eq(bookings.id, booking.id))
    await recordEvent(t, 'booking_confirmed', booking.id)
    await t.services.notificationDelivery.deliverDue()
    expect(t.smtp.messages).to.have.length(1)
    return { booking, email: t.smtp.messages[0]! }
  }

  it('writes a Polish confirmation in Polish: subject, both parts, the invite, and the Content-Language header', async () => {
    const { booking, email } = await aConfirmationIn('pl')
    expect(email.subject).to.equal(
      `Rezerwacja potwierdzona: Baby massage, ${localeFormat('pl').formatDate(londonTime('2031-03-04', '10:00'))}`,
    )
    expect(email.html).to.include('<html lang="pl" dir="ltr"').and.include('Dzień dobry')
    expect(email.text).to.include('Masz miejsce na kursie Baby massage.').and.include(booking.reference).and.include('KIEDY')
    expect(email.text).to.include('Zadzwoń do Foleshill Family Hub pod numer 024 7678 5000.')
    expect(email.raw.toString('utf8')).to.match(/^Content-Language: pl\r$/m)
    const invite = readInvite(email.calendar!.content)
    expect(invite.events).to.have.length(2)
    expect(invite.events[0]!.description).to.include(`Numer rezerwacji: ${booking.reference}`)
  })

  it('writes an Arabic confirmation right to left', async () => {
    const { email } = await aConfirmationIn('ar')
    expect(email.subject).to.match(/^تم تأكيد الحجز: Baby massage، /)
    expect(email.html).to.include('<html lang="ar" dir="rtl"')
    expect(email.raw.toString('utf8')).to.match(/^Content-Language: ar\r$/m)
  })

  it('leaves an English confirmation in English, saying so in the header', async () => {
    const { email } = await aConfirmationIn('en')
    expect(email.subject).to.equal('Booking confirmed: Baby massage, Tuesday 4 March 2031')
    expect(email.html).to.include('<html lang="en" dir="ltr"')
    expect(email.raw.toString('utf8')).to.match(/^Content-Language: en\r$/m)
  })
})
