import { sql, type SQL } from 'drizzle-orm'
import type { Db, Executor } from '../../db/database.js'
import type { ExportSection } from '../../domain/data-protection.js'
import { familyContacts, optionalTableExists } from './family-contacts.js'

/** Columns left out of the export: secrets that would let someone act as the family, not data about them. */
const secretColumns = new Set(['manage_token_hash', 'manage_nonce', 'request_key', 'token_hash', 'unsubscribe_nonce', 'unsubscribe_token_hash'])

/**
 * Everything held about one family, table by table, as the database has it (column names as in
 * the database), for a subject access request. test/integration/privacy/export-completeness.test.ts
 * fails when a table that refers to families or bookings has no section here.
 */
export class FamilyExport {
  constructor(private readonly db: Db) {}

  /** Undefined when there is no such family. Read in one repeatable-read transaction: one moment's data. */
  async sections(familyId: number): Promise<ExportSection[] | undefined> {
    return this.db.transaction(
      async (tx) => {
        const family = await rows(tx, sql`select * from families where id = ${familyId}`)
        if (family.length === 0) return undefined
        const { emails, phones } = await familyContacts(tx, familyId)
        const theirBookings = sql`(select id from bookings where family_id = ${familyId})`
        const queries: [string, SQL][] = [
          ['families', sql`select * from families where id = ${familyId}`],
          ['children', sql`select * from children where family_id = ${familyId} order by id`],
          ['bookings', sql`select * from bookings where family_id = ${familyId} order by id`],
          ['attendance', sql`select * from attendance where booking_id in ${theirBookings} order by booking_id, session_id`],
          [
            'notifications',
            sql`select * from notifications where booking_id in ${theirBookings} or (booking_id is null and recipient in ${list([...emails, ...phones])}) order by id`,
          ],
          ['inbound_messages', sql`select * from inbound_messages where from_phone in ${list(phones)} order by id`],
          ['sms_opt_outs', sql`select * from sms_opt_outs where phone in ${list(phones)}`],
          ['access_links', sql`select * from access_links where email in ${list(emails)} order by created_at`],
          ['audit_log', sql`select * from audit_log where family_id = ${familyId} order by id`],
        ]
        // Tables from later migrations (0005 freed places, 0006 calendar feeds), when present.
        if (await optionalTableExists(tx, 'freed_places'))
          queries.push(['freed_places', sql`select * from freed_places where booking_id in ${theirBookings} order by 1`])
        if (await optionalTableExists(tx, 'calendar_feeds'))
          queries.push(['calendar_feeds', sql`select * from calendar_feeds where family_id = ${familyId} order by 1`])
        // The open offers they were told of, and took (0011).
        if (await optionalTableExists(tx, 'open_offer_families'))
          queries.push([
            'open_offer_families',
            sql`select * from open_offer_families where booking_id in ${theirBookings} order by open_offer_id, booking_id`,
          ])
        // The other runs they wait for (0012), and "tell me about new dates" by their email or phone (0013).
        if (await optionalTableExists(tx, 'booking_suitable_runs'))
          queries.push(['booking_suitable_runs', sql`select * from booking_suitable_runs where booking_id in ${theirBookings} order by 1, 2`])
        if (await optionalTableExists(tx, 'new_dates_subscriptions'))
          queries.push([
            'new_dates_subscriptions',
            sql`select * from new_dates_subscriptions where email in ${list(emails)} or phone in ${list(phones)} order by id`,
          ])
        const sections: ExportSection[] = []
        for (const [table, query] of queries) sections.push({ table, rows: (await rows(tx, query)).map(withoutSecrets) })
        return sections
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    )
  }
}

async function rows(db: Executor, query: SQL): Promise<Record<string, unknown>[]> {
  return (await db.execute<Record<string, unknown>>(query)).rows
}

/** `(a, b, c)` for `in`, or a list that matches nothing. */
function list(values: string[]): SQL {
  return values.length > 0 ? sql`(${sql.join(values.map((value) => sql`${value}`), sql`, `)})` : sql`(select null::text where false)`
}

function withoutSecrets(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([column]) => !secretColumns.has(column)))
}
