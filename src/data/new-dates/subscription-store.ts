import { and, asc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/database.js'
import { courses, hubs, newDatesSubscriptions, notifications, programmes, sessions } from '../../db/schema/index.js'
import type { Language } from '../../i18n/languages.js'
import { ERASED } from '../../domain/data-protection.js'
import { phoneOptedOut } from '../notifications/sms-opt-outs.js'

export type SubscriptionRow = typeof newDatesSubscriptions.$inferSelect

export interface NewSubscription {
  programmeId: number
  email: string | null
  phone: string | null
  language: Language
  unsubscribeNonce: string
  unsubscribeTokenHash: string
  consentGivenAt: Date
}

/** What a "new dates" message says about the run, read when it is recorded (the run may change later; the link shows it as it is). */
interface RunFacts {
  courseId: number
  programmeId: number
  title: string
  kind: 'course' | 'drop_in'
  hubName: string | null
  firstStartsAt: Date | null
  sessionCount: number
}

/** The dedupe key of a "new dates" message: one per subscription, run and channel (the notifications' unique key holds it). */
const newDatesKey = (subscriptionId: number, courseId: number, channel: 'email' | 'sms') =>
  `new_dates:${subscriptionId}:${courseId}:${channel}`

/** "Tell me about new dates" subscriptions (migration 0013) and the messages they are sent. */
export class SubscriptionStore {
  async findByContact(db: Executor, programmeId: number, email: string | null, phone: string | null): Promise<SubscriptionRow | undefined> {
    const matches: SQL[] = []
    if (email) matches.push(eq(newDatesSubscriptions.email, email))
    if (phone) matches.push(eq(newDatesSubscriptions.phone, phone))
    if (matches.length === 0) return undefined
    const [row] = await db
      .select()
      .from(newDatesSubscriptions)
      .where(and(eq(newDatesSubscriptions.programmeId, programmeId), or(...matches)))
      .orderBy(asc(newDatesSubscriptions.id))
      .limit(1)
    return row
  }

  async insert(tx: Tx, values: NewSubscription): Promise<SubscriptionRow> {
    const [row] = await tx.insert(newDatesSubscriptions).values(values).returning()
    return row!
  }

  /** Asked again: the contact details and language given now, and a fresh consent time. */
  async update(tx: Tx, id: number, values: Pick<NewSubscription, 'email' | 'phone' | 'language' | 'consentGivenAt'>): Promise<void> {
    await tx.update(newDatesSubscriptions).set(values).where(eq(newDatesSubscriptions.id, id))
  }

  async findByTokenHash(db: Executor, tokenHash: string): Promise<SubscriptionRow | undefined> {
    const [row] = await db.select().from(newDatesSubscriptions).where(eq(newDatesSubscriptions.unsubscribeTokenHash, tokenHash))
    return row
  }

  /** The programme's title and slug, for the subscriber's page. */
  async programmeOf(db: Executor, programmeId: number): Promise<{ title: string; slug: string } | undefined> {
    const [row] = await db.select({ title: programmes.title, slug: programmes.slug }).from(programmes).where(eq(programmes.id, programmeId))
    return row
  }

  /** Unsubscribing: the row goes, and any of its messages not yet sent with it. */
  async delete(tx: Tx, id: number): Promise<void> {
    await this.deleteMessages(tx, [id])
    await tx.delete(newDatesSubscriptions).where(eq(newDatesSubscriptions.id, id))
  }

  /**
   * One message per subscriber of the run's programme and channel, written to the outbox. Running
   * it again for the same run writes nothing (the dedupe key). `textAt` says when the texts may go
   * for this run (the caller's quiet-hours rule), null for none. Returns the rows written.
   */
  async recordRunMessages(tx: Tx, courseId: number, now: Date, textAt: (run: { firstStartsAt: Date | null }) => Date | null): Promise<number> {
    const run = await this.runFacts(tx, courseId)
    if (!run) return 0
    const smsDueAt = textAt(run)
    const subscribers = await tx.select().from(newDatesSubscriptions).where(eq(newDatesSubscriptions.programmeId, run.programmeId))
    let written = 0
    for (const subscriber of subscribers) {
      const payload = {
        language: subscriber.language,
        unsubscribeNonce: subscriber.unsubscribeNonce,
        courseId: run.courseId,
        title: run.title,
        kind: run.kind,
        hubName: run.hubName,
        firstStartsAt: run.firstStartsAt?.toISOString() ?? null,
        sessionCount: run.sessionCount,
      }
      const rows = [
        ...(subscriber.email ? [{ channel: 'email' as const, recipient: subscriber.email }] : []),
        ...(subscriber.phone && smsDueAt && !(await this.optedOut(tx, subscriber.phone))
          ? [{ channel: 'sms' as const, recipient: subscriber.phone, dueAt: smsDueAt }]
          : []),
      ]
      let writtenNow = 0
      for (const row of rows) {
        const inserted = await tx
          .insert(notifications)
          .values({ dedupeKey: newDatesKey(subscriber.id, courseId, row.channel), kind: 'new_dates', dueAt: now, payload, ...row })
          .onConflictDoNothing({ target: notifications.dedupeKey })
          .returning({ id: notifications.id })
        writtenNow += inserted.length
      }
      written += writtenNow
      // Only a message actually written counts as use (retention): a repeat for the same run writes nothing.
      if (writtenNow > 0) await tx.update(newDatesSubscriptions).set({ lastNotifiedAt: now }).where(eq(newDatesSubscriptions.id, subscriber.id))
    }
    return written
  }

  /** Subscriptions by these emails or phones (subject access and erasure). */
  async byContacts(db: Executor, emails: string[], phones: string[]): Promise<SubscriptionRow[]> {
    const matches = contactMatch(emails, phones)
    if (!matches) return []
    return db.select().from(newDatesSubscriptions).where(matches).orderBy(asc(newDatesSubscriptions.id))
  }

  /** Erasure: every subscription by these emails or phones, and their messages not yet sent. */
  async deleteByContacts(tx: Tx, emails: string[], phones: string[]): Promise<number> {
    const rows = await this.byContacts(tx, emails, phones)
    if (rows.length === 0) return 0
    const ids = rows.map((row) => row.id)
    await this.deleteMessages(tx, ids)
    await tx.delete(newDatesSubscriptions).where(inArray(newDatesSubscriptions.id, ids))
    return ids.length
  }

  /** Retention: subscriptions that neither began nor sent anything since the cutoff. */
  async deleteIdleSince(tx: Tx, cutoff: Date): Promise<number> {
    const idle = await tx
      .select({ id: newDatesSubscriptions.id })
      .from(newDatesSubscriptions)
      .where(and(lt(newDatesSubscriptions.createdAt, cutoff), or(isNull(newDatesSubscriptions.lastNotifiedAt), lt(newDatesSubscriptions.lastNotifiedAt, cutoff))))
    const ids = idle.map((row) => row.id)
    if (ids.length === 0) return 0
    await this.deleteMessages(tx, ids)
    await tx.delete(newDatesSubscriptions).where(inArray(newDatesSubscriptions.id, ids))
    return ids.length
  }

  /**
   * The subscription's messages lose their recipient and payload (the unsubscribe nonce): the row
   * stays for the message figures, as erasure does for booking messages; one not yet sent is cancelled.
   */
  private async deleteMessages(tx: Tx, subscriptionIds: number[]): Promise<void> {
    for (const id of subscriptionIds) {
      await tx
        .update(notifications)
        .set({
          recipient: ERASED,
          payload: null,
          state: sql`case when ${notifications.state} = 'scheduled' then 'cancelled' else ${notifications.state} end`,
          updatedAt: sql`now()`,
        })
        .where(sql`${notifications.dedupeKey} like ${`new_dates:${id}:%`}`)
    }
  }

  private async optedOut(db: Executor, phone: string): Promise<boolean> {
    const result = await db.execute<{ out: boolean }>(sql`select ${phoneOptedOut(sql`${phone}`)} as out`)
    return result.rows[0]?.out === true
  }

  private async runFacts(db: Executor, courseId: number): Promise<RunFacts | undefined> {
    const [row] = await db
      .select({
        courseId: courses.id,
        programmeId: courses.programmeId,
        title: programmes.title,
        kind: courses.kind,
        hubName: hubs.name,
        firstStartsAt: sql<Date | null>`(select min(${sessions.startsAt}) from ${sessions} where ${sessions.courseId} = ${courses.id} and ${sessions.cancelledAt} is null)`,
        sessionCount: sql<number>`(select count(*)::int from ${sessions} where ${sessions.courseId} = ${courses.id} and ${sessions.cancelledAt} is null)`,
      })
      .from(courses)
      .innerJoin(programmes, eq(programmes.id, courses.programmeId))
      .leftJoin(hubs, eq(hubs.id, courses.hubId))
      .where(eq(courses.id, courseId))
    if (!row) return undefined
    return { ...row, firstStartsAt: row.firstStartsAt ? new Date(row.firstStartsAt) : null, sessionCount: Number(row.sessionCount) }
  }
}

function contactMatch(emails: string[], phones: string[]): SQL | undefined {
  const matches: SQL[] = []
  if (emails.length > 0) matches.push(inArray(newDatesSubscriptions.email, emails))
  if (phones.length > 0) matches.push(inArray(newDatesSubscriptions.phone, phones))
  return matches.length > 0 ? or(...matches) : undefined
}
