-- Waiting for a programme, not only a run (issue 10). A family whose run is full may say which
-- other runs of the same programme would suit them (or any run): their one queue entry (a booking
-- with status 'waiting') stays on the run they joined, and lists the others in
-- booking_suitable_runs. A place freed on any of those runs is offered to the entry by MOVING it:
-- course_id becomes the run with the place, status 'offered'. So the capacity trigger (0001)
-- counts the offer on the run that holds it, and the freed-places trigger (0005) counts a refill
-- on that run when it is accepted, with no new rule for either.
--
-- bookings.programme_id is kept by a trigger from the course, so that the database itself can
-- hold "one offer per family per programme" and "one programme-wide entry or place per family per
-- programme" in unique partial indexes, even when two places are freed at once.
ALTER TABLE "bookings" ADD COLUMN "programme_id" integer;
--> statement-breakpoint
UPDATE "bookings" b SET "programme_id" = c."programme_id" FROM "courses" c WHERE c."id" = b."course_id";
--> statement-breakpoint
ALTER TABLE "bookings" ALTER COLUMN "programme_id" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- True when the entry waits for more than its own run (other runs listed, or any run).
ALTER TABLE "bookings" ADD COLUMN "programme_queue" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- Any run of the programme suits, including runs staff add later.
ALTER TABLE "bookings" ADD COLUMN "waits_for_any_run" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "booking_any_run_is_programme_queue" CHECK (NOT "waits_for_any_run" OR "programme_queue");
--> statement-breakpoint
CREATE FUNCTION bookings_set_programme() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  SELECT programme_id INTO NEW.programme_id FROM courses WHERE id = NEW.course_id;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER bookings_programme
  BEFORE INSERT OR UPDATE OF course_id ON bookings
  FOR EACH ROW EXECUTE FUNCTION bookings_set_programme();
--> statement-breakpoint
-- One offer at a time per family in a programme: by family record, and by email and phone (an
-- online booking makes a new family record each time).
CREATE UNIQUE INDEX "bookings_one_offer_per_programme_family" ON "bookings" USING btree ("programme_id", "family_id") WHERE "bookings"."status" = 'offered';
--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_offer_per_programme_email" ON "bookings" USING btree ("programme_id", "contact_email") WHERE "bookings"."status" = 'offered' and "bookings"."contact_email" is not null;
--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_offer_per_programme_phone" ON "bookings" USING btree ("programme_id", "contact_phone") WHERE "bookings"."status" = 'offered' and "bookings"."contact_phone" is not null;
--> statement-breakpoint
-- One programme-wide queue entry (waiting, or offered) per family in a programme. With one offer
-- per family and programme, a family takes at most one place from the programme's queue at a
-- time. (A place it became is left out: the run may long be over, and the family may queue again.)
CREATE UNIQUE INDEX "bookings_one_programme_entry_family" ON "bookings" USING btree ("programme_id", "family_id") WHERE "bookings"."programme_queue" and "bookings"."status" in ('waiting', 'offered');
--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_programme_entry_email" ON "bookings" USING btree ("programme_id", "contact_email") WHERE "bookings"."programme_queue" and "bookings"."status" in ('waiting', 'offered') and "bookings"."contact_email" is not null;
--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_programme_entry_phone" ON "bookings" USING btree ("programme_id", "contact_phone") WHERE "bookings"."programme_queue" and "bookings"."status" in ('waiting', 'offered') and "bookings"."contact_phone" is not null;
--> statement-breakpoint
-- The programme's queue, found from a run with a free place.
CREATE INDEX "bookings_programme_waiting_idx" ON "bookings" USING btree ("programme_id") WHERE "bookings"."status" = 'waiting' and "bookings"."programme_queue";
--> statement-breakpoint
CREATE TABLE "booking_suitable_runs" (
	"booking_id" integer NOT NULL,
	"course_id" integer NOT NULL,
	CONSTRAINT "booking_suitable_runs_booking_id_course_id_pk" PRIMARY KEY("booking_id","course_id")
);
--> statement-breakpoint
ALTER TABLE "booking_suitable_runs" ADD CONSTRAINT "booking_suitable_runs_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "booking_suitable_runs" ADD CONSTRAINT "booking_suitable_runs_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "booking_suitable_runs_course_idx" ON "booking_suitable_runs" USING btree ("course_id");
--> statement-breakpoint
-- The freed-places record (0005) counts the families waiting for the run: now also those queued on
-- another run of the programme who said this run suits them. The rest of the function is as it was.
CREATE OR REPLACE FUNCTION bookings_record_freed_places() RETURNS trigger
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
          FROM bookings w
          WHERE w.status = 'waiting' AND w.programme_id = NEW.programme_id
            AND (w.course_id = NEW.course_id OR w.waits_for_any_run
                 OR EXISTS (SELECT 1 FROM booking_suitable_runs r WHERE r.booking_id = w.id AND r.course_id = NEW.course_id));
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
