import { and, eq, gt } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/database.js'
import { accessLinks, notifications } from '../../db/schema/index.js'

export type AccessLinkRow = typeof accessLinks.$inferSelect

/** "Find my bookings" links, and the email that carries one (written to the notification outbox). */
export class AccessLinkRepository {
  async insert(tx: Tx, values: { tokenHash: string; email: string; expiresAt: Date }): Promise<void> {
    await tx.insert(accessLinks).values(values)
  }

  async findUnexpired(db: Executor, tokenHash: string, now: Date): Promise<AccessLinkRow | undefined> {
    const [row] = await db
      .select()
      .from(accessLinks)
      .where(and(eq(accessLinks.tokenHash, tokenHash), gt(accessLinks.expiresAt, now)))
    return row
  }

  /**
   * The outbox row the mail worker turns into the "your bookings" email. It carries the link's
   * nonce, not the token: the worker re-makes the token with the service secret (see
   * services/booking/access-link-tokens.ts), so the database alone cannot open the link.
   */
  async recordLinkEmail(
    tx: Tx,
    values: { email: string; tokenHash: string; nonce: string; expiresAt: Date; language?: string },
  ): Promise<void> {
    await tx
      .insert(notifications)
      .values({
        dedupeKey: `find_my_bookings:${values.tokenHash}:email`,
        channel: 'email',
        kind: 'find_my_bookings',
        recipient: values.email,
        // The message renderer writes the email in payload.language (no booking to take it from).
        payload: { nonce: values.nonce, expiresAt: values.expiresAt.toISOString(), language: values.language ?? 'en' },
      })
      .onConflictDoNothing({ target: notifications.dedupeKey })
  }
}
