import { and, asc, eq, inArray, isNull, lte, notInArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { notifications, type NotificationState } from '../../db/schema/index.js'
import { isOptedOut, recordOptOut } from './sms-opt-outs.js'

export type NotificationRow = typeof notifications.$inferSelect
export type NewNotification = typeof notifications.$inferInsert

/** A claimed row: its attempts value is the claim's fence (see fenced()). */
export type ClaimedNotification = NotificationRow & { state: 'sending' }

/**
 * The notifications table as the delivery worker uses it. Every write after the claim is fenced on
 * (id, attempts): a claim bumps attempts, so a worker whose claim was taken over (it stalled past
 * the claim timeout and the row was claimed again) changes nothing.
 */
export class NotificationRepository {
  constructor(private readonly db: Db) {}

  /**
   * Claims up to `limit` due rows in one statement: scheduled -> sending, attempts + 1. SKIP LOCKED
   * lets several workers claim at once without waiting for or taking each other's rows; the outer
   * state check makes a row claimed once even where locks are not taken (embedded PGlite serves
   * one connection at a time, so there is nothing to race there).
   */
  async claimDue(limit: number): Promise<ClaimedNotification[]> {
    const due = this.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.state, 'scheduled'), lte(notifications.dueAt, sql`now()`)))
      .orderBy(asc(notifications.dueAt), asc(notifications.id))
      .limit(limit)
      .for('update', { skipLocked: true })
    const rows = await this.db
      .update(notifications)
      .set({ state: 'sending', attempts: sql`${notifications.attempts} + 1`, claimedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(inArray(notifications.id, due), eq(notifications.state, 'scheduled')))
      .returning()
    return rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id) as ClaimedNotification[]
  }

  /** The moment of no return for an email: recorded as sent before the server gets the final dot. */
  async handOver(row: ClaimedNotification, providerMessageId: string): Promise<boolean> {
    return this.fenced(row, ['sending'], { state: 'sent', sentAt: sql`now()`, providerMessageId, error: null })
  }

  async markSent(row: ClaimedNotification, values: { providerMessageId: string; providerStatus?: string | undefined }): Promise<boolean> {
    return this.fenced(row, ['sending', 'sent'], {
      state: 'sent',
      sentAt: sql`coalesce(${notifications.sentAt}, now())`,
      providerMessageId: values.providerMessageId,
      providerStatus: values.providerStatus ?? null,
      error: null,
    })
  }

  async reschedule(row: ClaimedNotification, dueAt: Date, error: string): Promise<boolean> {
    return this.fenced(row, ['sending', 'sent'], { state: 'scheduled', dueAt, error, sentAt: null, providerMessageId: null, claimedAt: null })
  }

  async fail(row: ClaimedNotification, error: string): Promise<boolean> {
    return this.fenced(row, ['sending', 'sent'], { state: 'failed', error, sentAt: null, providerMessageId: null })
  }

  async skip(row: ClaimedNotification, reason: string): Promise<boolean> {
    return this.fenced(row, ['sending'], { state: 'skipped', error: reason })
  }

  /** Keeps the row as it is (sent, or still claimed), noting why its outcome is unknown. */
  async noteProblem(row: ClaimedNotification, error: string): Promise<boolean> {
    return this.fenced(row, ['sending', 'sent'], { error })
  }

  /** Rows claimed longer ago than the timeout: their worker died or stalled. */
  async staleClaims(timeoutSeconds: number, limit: number): Promise<ClaimedNotification[]> {
    const rows = await this.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.state, 'sending'), sql`${notifications.claimedAt} < now() - make_interval(secs => ${timeoutSeconds})`))
      .orderBy(asc(notifications.claimedAt))
      .limit(limit)
    return rows as ClaimedNotification[]
  }

  /** A stale claim that certainly sent nothing goes back in the queue, due now. */
  async release(row: ClaimedNotification, note: string): Promise<boolean> {
    return this.fenced(row, ['sending'], { state: 'scheduled', dueAt: sql`now()`, claimedAt: null, error: note })
  }

  async isOptedOut(phone: string): Promise<boolean> {
    return isOptedOut(this.db, phone)
  }

  async recordOptOut(phone: string): Promise<void> {
    await recordOptOut(this.db, phone)
  }

  /** Whether the same message (kind, booking, session) goes, or went, to the family by email. */
  async hasEmailFor(row: Pick<NotificationRow, 'kind' | 'bookingId' | 'sessionId'>): Promise<boolean> {
    const [found] = await this.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.channel, 'email'),
          eq(notifications.kind, row.kind),
          row.bookingId === null ? isNull(notifications.bookingId) : eq(notifications.bookingId, row.bookingId),
          row.sessionId === null ? isNull(notifications.sessionId) : eq(notifications.sessionId, row.sessionId),
          notInArray(notifications.state, ['failed', 'cancelled', 'skipped']),
        ),
      )
      .limit(1)
    return found !== undefined
  }

  /** Inserts a row unless one with its dedupe key exists. True when it was inserted. */
  async insertOnce(values: NewNotification): Promise<boolean> {
    const rows = await this.db.insert(notifications).values(values).onConflictDoNothing({ target: notifications.dedupeKey }).returning({ id: notifications.id })
    return rows.length > 0
  }

  /** The earliest due time of a scheduled row, to wake the worker then. */
  async nextDueAt(): Promise<Date | undefined> {
    const [row] = await this.db
      .select({ dueAt: notifications.dueAt })
      .from(notifications)
      .where(eq(notifications.state, 'scheduled'))
      .orderBy(asc(notifications.dueAt))
      .limit(1)
    return row?.dueAt
  }

  async findById(id: number): Promise<NotificationRow | undefined> {
    const [row] = await this.db.select().from(notifications).where(eq(notifications.id, id))
    return row
  }

  private async fenced(row: ClaimedNotification, from: NotificationState[], values: Partial<Record<keyof NewNotification, unknown>>): Promise<boolean> {
    const updated = await this.db
      .update(notifications)
      .set({ ...(values as Partial<NewNotification>), updatedAt: sql`now()` })
      .where(and(eq(notifications.id, row.id), eq(notifications.attempts, row.attempts), inArray(notifications.state, from)))
      .returning({ id: notifications.id })
    return updated.length === 1
  }
}
