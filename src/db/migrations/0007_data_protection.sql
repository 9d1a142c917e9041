-- Data protection (UK GDPR): retention and erasure anonymise a family's record in place. The row
-- stays (bookings point at it, and every report figure for the past counts those bookings), its
-- personal data goes, and anonymised_at says when.
ALTER TABLE "families" ADD COLUMN "anonymised_at" timestamp with time zone;
--> statement-breakpoint
-- An anonymised family has neither email nor phone any more.
ALTER TABLE "families" DROP CONSTRAINT "family_has_contact";
--> statement-breakpoint
ALTER TABLE "families" ADD CONSTRAINT "family_has_contact"
  CHECK ("families"."email" is not null or "families"."phone" is not null or "families"."anonymised_at" is not null);
--> statement-breakpoint
-- The audit log stays append-only, with one exception. Its `changes` (before and after of a staff
-- edit) can hold a family's name, contact details and notes, and erasure must remove those too.
-- So exactly one kind of UPDATE is allowed: replacing `changes` with the redaction marker
-- {"redacted": true}, on a row of a family that is already anonymised, in a transaction that has
-- said it is erasing (set_config('fh.erasing', 'on', true), which lasts until that transaction
-- ends). Who did what and when (every other column) can never change; DELETE and TRUNCATE are
-- still refused.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
    AND coalesce(current_setting('fh.erasing', true), '') = 'on'
    AND NEW.changes = '{"redacted": true}'::jsonb
    AND (NEW.id, NEW.at, NEW.staff_user_id, NEW.action, NEW.entity_type, NEW.entity_id, NEW.family_id)
      IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.staff_user_id, OLD.action, OLD.entity_type, OLD.entity_id, OLD.family_id)
    AND EXISTS (SELECT 1 FROM families WHERE families.id = OLD.family_id AND families.anonymised_at IS NOT NULL)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
