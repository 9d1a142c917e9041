-- Places freed before a course starts, and whether a family from the waiting list took them: the
-- "refill" figures of the manager reports. Kept by a trigger on bookings (like places_taken in
-- 0001), so every way a status changes is counted, whichever service makes it.
--
-- A place is freed when a confirmed booking is cancelled, or an open offer is cancelled, declined
-- or runs out, while the course is not cancelled and before its first (not cancelled) session.
-- Cancelling a session or a whole course changes no booking status, and a booking cancelled in a
-- course already cancelled is not counted: nobody could have taken the place.
-- The times are the booking's own (ended_at, confirmed_at): services pass their `now`, so a
-- generator or a test with a clock records the right times.
CREATE TABLE "freed_places" (
	"id" serial PRIMARY KEY NOT NULL,
	"course_id" integer NOT NULL,
	"booking_id" integer,
	"reason" text NOT NULL,
	"freed_at" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"families_waiting" integer NOT NULL,
	"refilled_at" timestamp with time zone,
	"refilled_by_booking_id" integer,
	CONSTRAINT "freed_place_reason" CHECK ("freed_places"."reason" in ('cancelled', 'declined', 'expired')),
	CONSTRAINT "freed_place_before_start" CHECK ("freed_places"."freed_at" < "freed_places"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "freed_places" ADD CONSTRAINT "freed_places_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freed_places" ADD CONSTRAINT "freed_places_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freed_places" ADD CONSTRAINT "freed_places_refilled_by_booking_id_bookings_id_fk" FOREIGN KEY ("refilled_by_booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "freed_places_starts_at_idx" ON "freed_places" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "freed_places_course_idx" ON "freed_places" USING btree ("course_id");--> statement-breakpoint
-- The trigger's search for the place a confirmation refills.
CREATE INDEX "freed_places_open_idx" ON "freed_places" USING btree ("course_id", "freed_at") WHERE "freed_places"."refilled_at" is null;
--> statement-breakpoint
CREATE FUNCTION bookings_record_freed_places() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  first_start timestamptz;
  at timestamptz;
  open_place integer;
BEGIN
  IF (OLD.status = 'confirmed' AND NEW.status = 'cancelled')
     OR (OLD.status = 'offered' AND NEW.status IN ('cancelled', 'declined', 'expired')) THEN
    at := coalesce(NEW.ended_at, now());
    SELECT min(s.starts_at) INTO first_start
      FROM sessions s JOIN courses c ON c.id = s.course_id
      WHERE s.course_id = NEW.course_id AND s.cancelled_at IS NULL AND c.cancelled_at IS NULL;
    IF first_start IS NOT NULL AND at < first_start THEN
      INSERT INTO freed_places (course_id, booking_id, reason, freed_at, starts_at, families_waiting)
        SELECT NEW.course_id, NEW.id, NEW.status, at, first_start, count(*)::integer
          FROM bookings WHERE course_id = NEW.course_id AND status = 'waiting';
    END IF;
  ELSIF NEW.status = 'confirmed' AND (OLD.status = 'offered' OR (OLD.status = 'waiting' AND NOT NEW.overbooked)) THEN
    -- A family from the waiting list takes a place: the oldest place still empty is refilled.
    at := coalesce(NEW.confirmed_at, now());
    SELECT id INTO open_place FROM freed_places
      WHERE course_id = NEW.course_id AND refilled_at IS NULL AND freed_at <= at AND starts_at > at
      ORDER BY freed_at, id LIMIT 1;
    IF open_place IS NOT NULL THEN
      UPDATE freed_places SET refilled_at = at, refilled_by_booking_id = NEW.id WHERE id = open_place;
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER bookings_freed_places
  AFTER UPDATE OF status ON bookings
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION bookings_record_freed_places();
--> statement-breakpoint
-- The reports' reminder effect: the reminders sent for the sessions in a report's range.
CREATE INDEX "notifications_reminder_sent_idx" ON "notifications" USING btree ("session_id", "booking_id") WHERE "notifications"."kind" like 'reminder%' and "notifications"."state" in ('sent', 'delivered');
--> statement-breakpoint
-- The reports' messages by channel and kind: counted when sent, or when due for one never sent.
CREATE INDEX "notifications_sent_or_due_idx" ON "notifications" USING btree ((coalesce("sent_at", "due_at")));
