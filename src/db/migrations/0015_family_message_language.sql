-- The language reception chose for a family's emails and texts, for families who phone or call in
-- (online bookings take the language of the pages). Staff bookings for the family are written in it;
-- without it, in the language of the family's latest booking, else English.
ALTER TABLE "families" ADD COLUMN "message_language" text;
--> statement-breakpoint
ALTER TABLE "families" ADD CONSTRAINT "family_message_language" CHECK ("message_language" is null or "message_language" in ('en', 'pl', 'pa', 'ar'));
