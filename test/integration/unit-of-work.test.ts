import { expect } from 'chai'
import { eq, sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../support/test-app.js'
import { testDatabase } from '../support/root-hooks.js'
import { resetDatabase, testLogger } from '../support/test-database.js'
import { aCourse } from '../support/builders.js'
import { smsOptOuts } from '../../src/db/schema/index.js'
import type { JobQueue } from '../../src/services/job-queue.js'
import { MAX_ATTEMPTS, UnitOfWork } from '../../src/services/unit-of-work.js'
import { toPrincipal } from '../../src/services/staff/auth-service.js'
import { aFamily, aStaffUser } from './staff/staff-helpers.js'

const db = () => testDatabase().db

/** A job queue that writes down what it was asked, and whether the work's row had committed by then. */
class RecordingQueue implements JobQueue {
  readonly calls: { job: string; bookingId?: number; committed: boolean }[] = []
  constructor(private readonly phone: string) {}

  async scheduleOfferExpiry(bookingId: number): Promise<void> {
    this.calls.push({ job: 'offer-expiry', bookingId, committed: await this.committed() })
  }

  async wakeDelivery(): Promise<void> {
    this.calls.push({ job: 'wake-delivery', committed: await this.committed() })
  }

  /** Read on a connection of its own: it sees the row only once the transaction has committed. */
  private async committed(): Promise<boolean> {
    return (await db().select().from(smsOptOuts).where(eq(smsOptOuts.phone, this.phone))).length > 0
  }
}

/** The error pg gives for a serialisation failure (SQLSTATE 40001), as drizzle passes it on. */
function serialisationFailure(): Error {
  return Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' })
}

const rowCount = async (phone: string) => (await db().select().from(smsOptOuts).where(eq(smsOptOuts.phone, phone))).length

describe('the unit of work every service write runs in', () => {
  const phone = '+447700900555'
  let queue: RecordingQueue
  let unitOfWork: UnitOfWork
  beforeEach(async () => {
    await resetDatabase(testDatabase())
    queue = new RecordingQueue(phone)
    unitOfWork = new UnitOfWork(db(), queue, testLogger)
  })

  it('schedules offer expiries and wakes delivery only after the transaction has committed', async () => {
    await unitOfWork.run(async (tx, effects) => {
      await tx.insert(smsOptOuts).values({ phone })
      effects.offersMade([{ bookingId: 41, expiresAt: new Date(Date.now() + 60_000) }])
      effects.notificationsWritten()
      expect(queue.calls, 'nothing queued inside the transaction').to.deep.equal([])
    })
    expect(queue.calls).to.deep.equal([
      { job: 'offer-expiry', bookingId: 41, committed: true },
      { job: 'wake-delivery', committed: true },
    ])
  })

  it('drops the effects of a transaction that rolled back', async () => {
    const failure = new Error('the work failed half-way')
    const outcome = await unitOfWork
      .run(async (tx, effects) => {
        await tx.insert(smsOptOuts).values({ phone })
        effects.offersMade([{ bookingId: 41, expiresAt: new Date() }])
        effects.notificationsWritten()
        throw failure
      })
      .catch((error: unknown) => error)
    expect(outcome).to.equal(failure)
    expect(await rowCount(phone), 'the row rolled back').to.equal(0)
    expect(queue.calls).to.deep.equal([])
  })

  it('runs the work again after a serialisation failure and carries out only the last attempt’s effects', async () => {
    let attempts = 0
    const result = await unitOfWork.run(async (tx, effects) => {
      attempts++
      await tx.insert(smsOptOuts).values({ phone })
      effects.offersMade([{ bookingId: attempts, expiresAt: new Date(Date.now() + 60_000) }])
      if (attempts === 1) throw serialisationFailure()
      return 'done'
    })
    expect(result).to.equal('done')
    expect(attempts).to.equal(2)
    expect(await rowCount(phone), 'one row: the first attempt rolled back').to.equal(1)
    expect(queue.calls.filter((call) => call.job === 'offer-expiry')).to.deep.equal([
      { job: 'offer-expiry', bookingId: 2, committed: true },
    ])
  })

  it('gives up after a bounded number of attempts, with the database’s error', async () => {
    let attempts = 0
    const outcome = await unitOfWork
      .run(async (_tx, effects) => {
        attempts++
        effects.notificationsWritten()
        throw Object.assign(new Error('deadlock detected'), { code: '40P01' })
      })
      .catch((error: unknown) => error)
    expect((outcome as { code?: string }).code).to.equal('40P01')
    expect(attempts).to.equal(MAX_ATTEMPTS)
    expect(queue.calls).to.deep.equal([])
  })

  it('decides again when the caller asks, within the same bounded number of attempts (one loop, not one inside another)', async () => {
    let attempts = 0
    let recoveries = 0
    const outcome = await unitOfWork
      .run(
        async () => {
          attempts++
          throw Object.assign(new Error('duplicate key value violates unique constraint'), {
            code: '23505',
            constraint: 'bookings_one_active_per_email',
          })
        },
        async () => {
          recoveries++
          return 'again'
        },
      )
      .catch((error: unknown) => error)
    expect((outcome as { code?: string }).code).to.equal('23505')
    expect(attempts).to.equal(MAX_ATTEMPTS)
    expect(recoveries).to.equal(MAX_ATTEMPTS)
  })

  it('returns the answer the caller reads from a refusal, after the rollback', async () => {
    const result = await unitOfWork.run(
      async (tx, effects) => {
        await tx.insert(smsOptOuts).values({ phone })
        effects.notificationsWritten()
        throw Object.assign(new Error('new row violates check constraint'), { code: '23514', constraint: 'course_not_overbooked' })
      },
      async (refusal) => ({ result: `refused by ${refusal.constraint}` }),
    )
    expect(result).to.equal('refused by course_not_overbooked')
    expect(await rowCount(phone)).to.equal(0)
    expect(queue.calls).to.deep.equal([])
  })

  it('lets any other error through at once, without running the work again', async () => {
    let attempts = 0
    const outcome = await unitOfWork
      .run(async (tx) => {
        attempts++
        await tx.insert(smsOptOuts).values({ phone })
        await tx.insert(smsOptOuts).values({ phone })
      })
      .catch((error: unknown) => error)
    expect(outcome).to.be.instanceOf(Error)
    expect(attempts).to.equal(1)
  })

  it('survives a real deadlock on the database server: the transaction PostgreSQL picks as the victim runs again', async function () {
    if (testDatabase().mode !== 'server') this.skip() // the embedded database serves one connection at a time
    const [a, b] = ['+447700900601', '+447700900602']
    await db()
      .insert(smsOptOuts)
      .values([{ phone: a }, { phone: b }])
    let attempts = 0
    let firstLocks = 0
    let bothHoldOne: () => void = () => undefined
    const bothLocked = new Promise<void>((resolve) => (bothHoldOne = resolve))
    // Each locks one row, waits until the other holds its row, then asks for the other's: a cycle.
    const lockInTurn = (first: string, second: string) =>
      unitOfWork.run(async (tx) => {
        attempts++
        await tx.execute(sql`select 1 from sms_opt_outs where phone = ${first} for update`)
        if (++firstLocks === 2) bothHoldOne()
        await bothLocked
        await tx.execute(sql`select 1 from sms_opt_outs where phone = ${second} for update`)
      })
    await Promise.all([lockInTurn(a, b), lockInTurn(b, a)])
    expect(attempts, 'two first attempts and one retry of the victim').to.equal(3)
  })
})

describe('staff writes run in the unit of work', () => {
  let t: TestApp
  beforeEach(async () => {
    await resetDatabase(testDatabase())
    t = await buildTestApp()
  })

  const offerExpiryJobs = async () => {
    const { jobs } = await t.agenda.queryJobs({ name: 'offer-expiry' })
    return jobs.map((job) => (job.data as { bookingId: number }).bookingId)
  }

  it('schedules the offer expiry once reception’s cancellation has freed a place', async () => {
    const actor = toPrincipal(await aStaffUser('admin'), [])
    const { course } = await aCourse({ capacity: 1 })
    const placed = await t.services.staff.bookings.book(actor, (await aFamily()).id, course.id)
    const queued = await t.services.staff.bookings.joinWaitingList(actor, (await aFamily()).id, course.id)
    if (placed.outcome !== 'confirmed' || queued.outcome !== 'waiting') throw new Error('set-up failed')
    expect(await offerExpiryJobs()).to.deep.equal([])
    await t.services.staff.bookings.cancel(actor, placed.booking.id, 'Phoned in')
    expect(await offerExpiryJobs()).to.deep.equal([queued.booking.id])
  })

  it('schedules the offer expiry once a manager’s raised capacity has committed', async () => {
    const actor = toPrincipal(await aStaffUser('admin'), [])
    const { course } = await aCourse({ capacity: 1 })
    await t.services.staff.bookings.book(actor, (await aFamily()).id, course.id)
    const queued = await t.services.staff.bookings.joinWaitingList(actor, (await aFamily()).id, course.id)
    if (queued.outcome !== 'waiting') throw new Error('set-up failed')
    expect(await t.services.staff.catalogue.setCapacity(actor, course.id, 2)).to.deep.equal({ ok: true })
    expect(await offerExpiryJobs()).to.deep.equal([queued.booking.id])
  })
})
