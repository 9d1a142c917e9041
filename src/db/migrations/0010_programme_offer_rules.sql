-- Per-programme waiting-list rules, set by staff on the programme form. Null means the service's
-- setting (OFFER_HOURS, OFFER_ROUNDS, OPEN_OFFER_MIN_MINUTES_BEFORE_START / _COURSE_...).
ALTER TABLE "programmes" ADD COLUMN "offer_hours" double precision;
--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "offer_rounds" integer;
--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "open_offer_minutes_before_start" integer;
--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programme_offer_hours" CHECK ("offer_hours" is null or ("offer_hours" > 0 and "offer_hours" <= 168));
--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programme_offer_rounds" CHECK ("offer_rounds" is null or ("offer_rounds" between 1 and 24));
--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programme_open_offer_minutes" CHECK ("open_offer_minutes_before_start" is null or ("open_offer_minutes_before_start" between 0 and 10080));
