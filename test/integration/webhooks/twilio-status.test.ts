import { expect } from 'chai'
import { and, eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import request from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, weekly } from '../../support/builders.js'
import { notifications } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { LONDON } from '../../../src/time.js'
import { confirmedBooking, reminderRows, type NotificationRow } from '../reminders/reminder-helpers.js'
import { aMessageSid, postSigned, signatureFor, twilioEnv } from './twilio-webhook-helpers.js'

const path = paths.webhooks.twilioStatus
const inDays = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!

const statusFields = (messageSid: string, status: string, errorCode?: number) => ({
  MessageSid: messageSid,
  SmsSid: messageSid,
  AccountSid: twilioEnv.TWILIO_ACCOUNT_SID,
  From: twilioEnv.TWILIO_FROM,
  To: '+447700900123',
  MessageStatus: status,
  SmsStatus: status,
  ApiVersion: '2010-04-01',
  ...(errorCode ? { ErrorCode: String(errorCode) } : {}),
})

describe('Twilio webhook: delivery reports', () => {
  const t = useTestApp({ env: twilioEnv })

  /** A booking whose first text reminder the worker has handed to Twilio. */
  async function sentText(family: { contactByEmail?: boolean } = {}): Promise<{ row: NotificationRow; sid: string; bookingId: number }> {
    const { course } = await aCourse({ sessions: weekly(inDays(7), 1, '14:00', '16:00') })
    const booking = await confirmedBooking(t, course.id, family)
    const sms = (await reminderRows(booking.id)).find((r) => r.channel === 'sms')!
    const sid = aMessageSid()
    await testDatabase()
      .db.update(notifications)
      .set({ state: 'sent', sentAt: new Date(), providerMessageId: sid, providerStatus: 'queued' })
      .where(eq(notifications.id, sms.id))
    return { row: sms, sid, bookingId: booking.id }
  }

  const reread = async (id: number) => (await testDatabase().db.select().from(notifications).where(eq(notifications.id, id)))[0]!

  it('refuses a report with a wrong or missing signature with 403, and changes nothing', async () => {
    const { row, sid } = await sentText()
    const fields = statusFields(sid, 'delivered')
    expect((await request(t.app).post(path).type('form').send(fields)).status).to.equal(403)
    expect((await postSigned(t.app, path, fields, signatureFor(path, fields, 'wrong-token'))).status).to.equal(403)
    expect((await reread(row.id)).state).to.equal('sent')
  })

  it('marks the text delivered, with the time and Twilio status, found by its message SID', async () => {
    const { row, sid } = await sentText()
    const response = await postSigned(t.app, path, statusFields(sid, 'delivered'))
    expect(response.status).to.equal(204)
    const after = await reread(row.id)
    expect(after).to.include({ state: 'delivered', providerStatus: 'delivered' })
    expect(after.deliveredAt).to.be.instanceOf(Date)
  })

  it('notes in-between statuses and never moves a row back (a late "sent" after "delivered")', async () => {
    const { row, sid } = await sentText()
    await postSigned(t.app, path, statusFields(sid, 'sent'))
    expect(await reread(row.id)).to.include({ state: 'sent', providerStatus: 'sent' })
    await postSigned(t.app, path, statusFields(sid, 'delivered'))
    await postSigned(t.app, path, statusFields(sid, 'sent'))
    await postSigned(t.app, path, statusFields(sid, 'undelivered', 30003))
    expect(await reread(row.id)).to.include({ state: 'delivered', providerStatus: 'delivered' })
  })

  it('records a permanent failure for staff, and emails the reminder instead when the family agreed to email', async () => {
    const { row, sid, bookingId } = await sentText({ contactByEmail: true })
    await postSigned(t.app, path, statusFields(sid, 'undelivered', 30005))
    const after = await reread(row.id)
    expect(after).to.include({ state: 'failed', providerStatus: 'undelivered' })
    expect(after.error).to.equal('Twilio undelivered (error 30005)')
    const fallback = await testDatabase()
      .db.select()
      .from(notifications)
      .where(and(eq(notifications.bookingId, bookingId), eq(notifications.dedupeKey, `${row.dedupeKey}:email-fallback`)))
    expect(fallback).to.have.length(1)
    expect(fallback[0]).to.include({ channel: 'email', kind: 'reminder_sms_3h', state: 'scheduled', sessionId: row.sessionId })
    expect(fallback[0]!.payload).to.include({ fallbackForNotificationId: row.id })
    // A repeated report makes no second email.
    await postSigned(t.app, path, statusFields(sid, 'failed', 30005))
    expect(
      await testDatabase()
        .db.select()
        .from(notifications)
        .where(eq(notifications.dedupeKey, `${row.dedupeKey}:email-fallback`)),
    ).to.have.length(1)
  })

  it('sends no email instead when the family did not agree to email, or the failure was not about the number', async () => {
    const noEmail = await sentText({ contactByEmail: false })
    await postSigned(t.app, path, statusFields(noEmail.sid, 'failed', 21610))
    expect((await reread(noEmail.row.id)).state).to.equal('failed')
    const transient = await sentText({ contactByEmail: true })
    await postSigned(t.app, path, statusFields(transient.sid, 'failed', 30001))
    expect((await reread(transient.row.id)).error).to.equal('Twilio failed (error 30001)')
    const fallbacks = await testDatabase().db.select().from(notifications).where(eq(notifications.channel, 'email'))
    expect(fallbacks.filter((r) => r.dedupeKey.endsWith(':email-fallback'))).to.deep.equal([])
  })

  it('finds a text that has no SID recorded yet by the row id in the callback URL', async () => {
    const { row } = await sentText()
    await testDatabase().db.update(notifications).set({ providerMessageId: null }).where(eq(notifications.id, row.id))
    const withId = `${path}?notification=${row.id}`
    const fields = statusFields(aMessageSid(), 'delivered')
    const response = await postSigned(t.app, withId, fields, signatureFor(withId, fields))
    expect(response.status).to.equal(204)
    expect((await reread(row.id)).state).to.equal('delivered')
  })

  it('settles a text left "sending" by a worker that died after Twilio took it: sent with the SID, never sent again', async () => {
    const { row } = await sentText()
    await testDatabase()
      .db.update(notifications)
      .set({ state: 'sending', providerMessageId: null, sentAt: null, claimedAt: new Date() })
      .where(eq(notifications.id, row.id))
    const sid = aMessageSid()
    const withId = `${path}?notification=${row.id}`
    const fields = statusFields(sid, 'sent')
    await postSigned(t.app, withId, fields, signatureFor(withId, fields))
    expect(await reread(row.id)).to.include({ state: 'sent', providerMessageId: sid, providerStatus: 'sent' })
    const delivered = statusFields(sid, 'delivered')
    await postSigned(t.app, withId, delivered, signatureFor(withId, delivered))
    expect((await reread(row.id)).state).to.equal('delivered')
  })

  it('answers 204 to a report about a message it does not know, and 400 to one without a SID', async () => {
    expect((await postSigned(t.app, path, statusFields(aMessageSid(), 'delivered'))).status).to.equal(204)
    expect((await postSigned(t.app, path, { MessageStatus: 'delivered' })).status).to.equal(400)
  })
})
