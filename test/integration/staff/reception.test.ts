import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { and, eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme } from '../../support/builders.js'
import { auditLog, bookings, children, families, notifications } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { aFamily, aStaffUser, messagesOn, postForm, signedIn } from './staff-helpers.js'

const db = () => testDatabase().db

describe('reception: booking on behalf of families', () => {
  const t = useTestApp()

  it('finds a family by phone number in any format, by postcode, by email and by booking reference', async () => {
    const { app } = t
    const family = await aFamily({ parentName: 'Samira Khan', phone: '+447911123456', email: 'samira@example.com', postcode: 'CV1 2AB' })
    await aFamily({ parentName: 'Someone Else' })
    const reception = await aStaffUser('reception')
    const agent = await signedIn(app, reception.email)
    for (const q of ['07911 123456', '+44 7911 123 456', 'cv12ab', 'SAMIRA@example.com', 'khan']) {
      const res = await agent.get(paths.staff.families.index).query({ q }).expect(200)
      const names = cheerio
        .load(res.text)('table a')
        .map((_i, el) => cheerio.load(el).text())
        .get()
      expect(names, q).to.deep.equal(['Samira Khan'])
    }
    const { course } = await aCourse()
    await db().insert(bookings).values({
      reference: 'FH-7K3P-Q9',
      courseId: course.id,
      familyId: family.id,
      status: 'confirmed',
      manageNonce: 'n',
      manageTokenHash: 'h',
    })
    const res = await agent.get(paths.staff.families.index).query({ q: 'fh 7k3p q9' }).expect(200)
    expect(cheerio.load(res.text)('table a').text()).to.equal('Samira Khan')
  })

  it('edits a family’s details and records the change, before and after, in the audit log', async () => {
    const { app } = t
    const family = await aFamily({ parentName: 'Jo Bloggs', interpreterLanguage: null })
    const reception = await aStaffUser('reception')
    const agent = await signedIn(app, reception.email)
    const res = await postForm(
      agent,
      paths.staff.families.edit(family.id),
      {
        parentName: 'Jo Bloggs',
        email: family.email!,
        phone: '07400 123456',
        postcode: 'cv3 4ef',
        interpreterLanguage: 'Polish',
        needs: ['stepFree'],
        otherSupport: '',
        notes: '',
      },
      paths.staff.families.edit(family.id),
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [after] = await db().select().from(families).where(eq(families.id, family.id))
    expect(after).to.include({ phone: '+447400123456', postcode: 'CV3 4EF', interpreterLanguage: 'Polish', needsStepFree: true })
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'family.details_changed'))
    expect(entry).to.include({ staffUserId: reception.id, familyId: family.id })
    const changes = entry!.changes as { before: Record<string, unknown>; after: Record<string, unknown> }
    expect(changes.before).to.deep.include({ interpreterLanguage: null, needsStepFree: false })
    expect(changes.after).to.deep.include({ interpreterLanguage: 'Polish', needsStepFree: true, phone: '+447400123456' })
    expect(changes.after).not.to.have.property('parentName')
  })

  it('shows each validation message on the details form', async () => {
    const { app } = t
    const family = await aFamily()
    const agent = await signedIn(app, (await aStaffUser('reception')).email)
    const res = await postForm(
      agent,
      paths.staff.families.edit(family.id),
      { parentName: '', email: 'not-an-email', phone: '12' },
      paths.staff.families.edit(family.id),
    )
    expect(res.status).to.equal(400)
    const text = messagesOn(res.text)
    expect(text)
      .to.contain('Enter the parent or carer’s name')
      .and.contain('Enter an email address in the correct format')
      .and.contain('Enter a UK mobile number')
  })

  it('records consent given on the phone, with who recorded it and when', async () => {
    const { app } = t
    const family = await aFamily({ contactByEmail: false, contactBySms: false })
    const reception = await aStaffUser('reception', { name: 'Rita Reception' })
    const agent = await signedIn(app, reception.email)
    const res = await postForm(
      agent,
      paths.staff.families.consent(family.id),
      { contact: ['email', 'sms'], consentSource: 'phone' },
      paths.staff.families.consent(family.id),
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [after] = await db().select().from(families).where(eq(families.id, family.id))
    expect(after).to.include({ contactByEmail: true, contactBySms: true, consentSource: 'phone', consentRecordedBy: reception.id })
    expect(after!.consentGivenAt).to.be.instanceOf(Date)
    const page = await agent.get(paths.staff.families.show(family.id)).expect(200)
    expect(page.text).to.contain('On the phone').and.contain('recorded by Rita Reception')
  })

  it('records a referral and marks the family as priority for waiting lists', async () => {
    const { app } = t
    const family = await aFamily()
    const agent = await signedIn(app, (await aStaffUser('reception')).email)
    const res = await postForm(
      agent,
      paths.staff.families.referral(family.id),
      { referredBy: 'health_visitor', referralNotes: 'From the Foleshill team', priority: 'yes' },
      paths.staff.families.referral(family.id),
    )
    expect(res.status).to.equal(302)
    const [after] = await db().select().from(families).where(eq(families.id, family.id))
    expect(after).to.include({ referredBy: 'health_visitor', referralNotes: 'From the Foleshill team', priority: true })
    expect(await db().select().from(auditLog).where(eq(auditLog.action, 'family.referral_changed'))).to.have.length(1)
  })

  it('adds a new family with the consent they gave in person, then a child', async () => {
    const { app } = t
    const reception = await aStaffUser('reception')
    const agent = await signedIn(app, reception.email)
    const res = await postForm(
      agent,
      paths.staff.families.new,
      { parentName: 'New Parent', email: 'new@example.com', phone: '', contact: 'email', consentSource: 'in_person' },
      paths.staff.families.new,
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [family] = await db().select().from(families)
    expect(family).to.include({
      parentName: 'New Parent',
      contactByEmail: true,
      consentSource: 'in_person',
      consentRecordedBy: reception.id,
    })
    const add = await postForm(
      agent,
      paths.staff.families.children(family!.id),
      { childFirstName: 'Amy', childAge: '3' },
      paths.staff.families.show(family!.id),
    )
    expect(add.status).to.equal(302)
    expect(await db().select().from(children)).to.have.length(1)
  })

  it('books a place through the booking service, then cancels it, each with an audit entry', async () => {
    const { app } = t
    const family = await aFamily()
    const { course } = await aCourse({ capacity: 2 })
    const reception = await aStaffUser('reception')
    const agent = await signedIn(app, reception.email)
    const res = await postForm(
      agent,
      paths.staff.families.book(family.id),
      { courseId: String(course.id), action: 'book' },
      paths.staff.families.book(family.id),
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [booking] = await db().select().from(bookings)
    expect(booking).to.include({ status: 'confirmed', source: 'reception', createdByStaffId: reception.id, familyId: family.id })
    expect(await db().select().from(notifications).where(eq(notifications.bookingId, booking!.id))).to.have.length.greaterThan(0)
    const cancel = await postForm(
      agent,
      paths.staff.bookings.cancel(booking!.id),
      { reason: 'Phoned to cancel' },
      paths.staff.bookings.show(booking!.id),
    )
    expect(cancel.status).to.equal(302)
    const [after] = await db().select().from(bookings)
    expect(after).to.include({ status: 'cancelled', cancelReason: 'Phoned to cancel' })
    const actions = (await db().select().from(auditLog)).map((entry) => entry.action)
    expect(actions).to.include.members(['booking.created', 'booking.cancelled'])
  })

  it('books a referral-only programme, which parents cannot book online', async () => {
    const { app } = t
    const family = await aFamily()
    const programme = await aProgramme({ bookingMode: 'referral' })
    const { course } = await aCourse({ programmeId: programme.id })
    const agent = await signedIn(app, (await aStaffUser('reception')).email)
    const list = await agent.get(paths.staff.families.book(family.id)).expect(200)
    expect(list.text).to.contain('Referral only')
    const res = await postForm(
      agent,
      paths.staff.families.book(family.id),
      { courseId: String(course.id), action: 'book' },
      paths.staff.families.book(family.id),
    )
    expect(res.status).to.equal(302)
    expect((await db().select().from(bookings))[0]).to.include({ status: 'confirmed' })
  })

  it('offers the waiting list when full, and refuses reception an over-booking', async () => {
    const { app } = t
    const { course } = await aCourse({ capacity: 1 })
    const first = await aFamily()
    const second = await aFamily()
    const agent = await signedIn(app, (await aStaffUser('reception')).email)
    await postForm(
      agent,
      paths.staff.families.book(first.id),
      { courseId: String(course.id), action: 'book' },
      paths.staff.families.book(first.id),
    )
    const full = await postForm(
      agent,
      paths.staff.families.book(second.id),
      { courseId: String(course.id), action: 'book' },
      paths.staff.families.book(second.id),
    )
    expect(full.status).to.equal(200)
    const $ = cheerio.load(full.text)
    expect($('h1').text()).to.contain('is full')
    expect(full.text).not.to.contain('Book over the limit')
    const overbook = await postForm(
      agent,
      paths.staff.families.book(second.id),
      { courseId: String(course.id), action: 'overbook', overbookReason: 'Please' },
      paths.staff.families.book(second.id),
    )
    expect(overbook.status).to.equal(403)
    const waiting = await postForm(
      agent,
      paths.staff.families.book(second.id),
      { courseId: String(course.id), action: 'waiting' },
      paths.staff.families.book(second.id),
    )
    expect(waiting.status).to.equal(302)
    const rows = await db().select().from(bookings).where(eq(bookings.familyId, second.id))
    expect(rows.map((row) => row.status)).to.deep.equal(['waiting'])
  })

  it('lets a hub manager over-book at their hub with a recorded reason', async () => {
    const { app } = t
    const hub = await aHub()
    const { course } = await aCourse({ capacity: 1, hubId: hub.id })
    const first = await aFamily()
    const second = await aFamily()
    const manager = await aStaffUser('hub_manager', { hubIds: [hub.id] })
    const agent = await signedIn(app, manager.email)
    await postForm(
      agent,
      paths.staff.families.book(first.id),
      { courseId: String(course.id), action: 'book' },
      paths.staff.families.book(first.id),
    )
    const full = await postForm(
      agent,
      paths.staff.families.book(second.id),
      { courseId: String(course.id), action: 'book' },
      paths.staff.families.book(second.id),
    )
    expect(full.text).to.contain('Book over the limit')
    const noReason = await postForm(
      agent,
      paths.staff.families.book(second.id),
      { courseId: String(course.id), action: 'overbook', overbookReason: '' },
      paths.staff.families.book(second.id),
    )
    expect(messagesOn(noReason.text)).to.contain('Enter why this family needs a place over the limit')
    const res = await postForm(
      agent,
      paths.staff.families.book(second.id),
      { courseId: String(course.id), action: 'overbook', overbookReason: 'Referred by social worker, urgent' },
      paths.staff.families.book(second.id),
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [booking] = await db().select().from(bookings).where(eq(bookings.familyId, second.id))
    expect(booking).to.include({
      status: 'confirmed',
      overbooked: true,
      overbookReason: 'Referred by social worker, urgent',
      createdByStaffId: manager.id,
    })
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'booking.created'), eq(auditLog.familyId, second.id)))
    expect((entry!.changes as { after: Record<string, unknown> }).after).to.include({
      overbooked: true,
      overbookReason: 'Referred by social worker, urgent',
    })
  })

  it('refuses a hub manager a booking at another hub', async () => {
    const { app } = t
    const mine = await aHub()
    const { course } = await aCourse({ capacity: 5 })
    const family = await aFamily()
    const agent = await signedIn(app, (await aStaffUser('hub_manager', { hubIds: [mine.id] })).email)
    const res = await postForm(
      agent,
      paths.staff.families.book(family.id),
      { courseId: String(course.id), action: 'book' },
      paths.staff.families.show(family.id),
    )
    expect(res.status).to.equal(403)
  })

  it('moves a family from the waiting list into a place, and resends the confirmation', async () => {
    const { app } = t
    const { course } = await aCourse({ capacity: 1 })
    const first = await aFamily()
    const second = await aFamily()
    const agent = await signedIn(app, (await aStaffUser('reception')).email)
    await postForm(
      agent,
      paths.staff.families.book(first.id),
      { courseId: String(course.id), action: 'book' },
      paths.staff.families.book(first.id),
    )
    await postForm(
      agent,
      paths.staff.families.book(second.id),
      { courseId: String(course.id), action: 'waiting' },
      paths.staff.families.book(second.id),
    )
    const [waiting] = await db().select().from(bookings).where(eq(bookings.familyId, second.id))
    const full = await postForm(agent, paths.staff.bookings.promote(waiting!.id), {}, paths.staff.bookings.show(waiting!.id))
    expect(messagesOn(full.text)).to.contain('The course is full')
    const [placed] = await db().select().from(bookings).where(eq(bookings.familyId, first.id))
    await postForm(agent, paths.staff.bookings.cancel(placed!.id), {}, paths.staff.bookings.show(placed!.id))
    // The freed place was offered to the waiting family; reception confirms it for them.
    const promote = await postForm(agent, paths.staff.bookings.promote(waiting!.id), {}, paths.staff.bookings.show(waiting!.id))
    expect(promote.status).to.equal(302)
    const [after] = await db().select().from(bookings).where(eq(bookings.id, waiting!.id))
    expect(after!.status).to.equal('confirmed')
    const before = (await db().select().from(notifications).where(eq(notifications.bookingId, waiting!.id))).length
    const resend = await postForm(agent, paths.staff.bookings.resend(waiting!.id), {}, paths.staff.bookings.show(waiting!.id))
    expect(resend.status).to.equal(302)
    expect((await db().select().from(notifications).where(eq(notifications.bookingId, waiting!.id))).length).to.equal(before + 1)
  })

  it('asks again, with a 400 and the booking unchanged, when "Move booking" is pressed with no course chosen', async () => {
    const { course: from } = await aCourse({ capacity: 3 })
    await aCourse({ capacity: 3 })
    const family = await aFamily()
    const agent = await signedIn(t.app, (await aStaffUser('reception')).email)
    await postForm(
      agent,
      paths.staff.families.book(family.id),
      { courseId: String(from.id), action: 'book' },
      paths.staff.families.book(family.id),
    )
    const [old] = await db().select().from(bookings)
    for (const courseId of [undefined, '', 'abc', '999999']) {
      const res = await postForm(
        agent,
        paths.staff.bookings.change(old!.id),
        courseId === undefined ? {} : { courseId },
        paths.staff.bookings.change(old!.id),
      )
      expect(res.status, String(courseId)).to.equal(400)
      expect(messagesOn(res.text)).to.include('Select the course to move this booking to')
    }
    const [after] = await db().select().from(bookings)
    expect([after!.courseId, after!.status]).to.deep.equal([from.id, 'confirmed'])
  })

  it('changes a booking to another course: a place there, then the old one cancelled', async () => {
    const { app } = t
    const { course: from } = await aCourse({ capacity: 3 })
    const { course: to } = await aCourse({ capacity: 3 })
    const family = await aFamily()
    const agent = await signedIn(app, (await aStaffUser('reception')).email)
    await postForm(
      agent,
      paths.staff.families.book(family.id),
      { courseId: String(from.id), action: 'book' },
      paths.staff.families.book(family.id),
    )
    const [old] = await db().select().from(bookings)
    const res = await postForm(
      agent,
      paths.staff.bookings.change(old!.id),
      { courseId: String(to.id) },
      paths.staff.bookings.change(old!.id),
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const rows = await db().select().from(bookings).orderBy(bookings.id)
    expect(rows.map((row) => [row.courseId, row.status])).to.deep.equal([
      [from.id, 'cancelled'],
      [to.id, 'confirmed'],
    ])
    expect(await db().select().from(auditLog).where(eq(auditLog.action, 'booking.changed'))).to.have.length(1)
  })
})
