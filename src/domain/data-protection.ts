/**
 * What an anonymised family record holds in place of personal data (retention and erasure, UK
 * GDPR). Columns that must not be empty get a fixed placeholder that says what happened.
 */
export const ERASED_PARENT_NAME = 'Personal data erased'
/** For notifications.recipient, inbound_messages.from_phone and bookings.overbook_reason. */
export const ERASED = 'erased'
/** What an erased family's audit entries hold instead of the before and after of each change. */
export const AUDIT_REDACTION = { redacted: true } as const

/** One table's rows about a family, as the subject access export writes them. */
export interface ExportSection {
  table: string
  rows: Record<string, unknown>[]
}
