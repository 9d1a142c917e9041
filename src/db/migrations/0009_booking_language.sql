-- The language a family booked in (the language link on the public pages). Every later email, text,
-- calendar invite and text reply about the booking is written in it. Existing bookings were made in
-- English.
ALTER TABLE "bookings" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "booking_language" CHECK ("language" in ('en', 'pl', 'pa', 'ar'));
