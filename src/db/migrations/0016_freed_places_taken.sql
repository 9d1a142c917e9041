-- A freed place taken by a new booking (a family who booked it without queueing, or staff booking
-- for one) is no longer empty. Until now the trigger closed freed places only when a family from the
-- waiting list took one, so a place a newcomer had taken stayed "empty", and a later refill from the
-- queue was credited to it rather than to the place freed while that family waited: the reports'
-- refill rate where families were waiting, median time to refill and empty place-hours read wrong.
-- taken_at records the new booking; refilled_at still means the waiting list refilled the place.
ALTER TABLE "freed_places" ADD COLUMN "taken_at" timestamp with time zone;
--> statement-breakpoint
DROP INDEX "freed_places_open_idx";
--> statement-breakpoint
CREATE INDEX "freed_places_open_idx" ON "freed_places" USING btree ("course_id", "freed_at") WHERE "freed_places"."refilled_at" is null and "freed_places"."taken_at" is null;
--> statement-breakpoint
-- The place a booking made at `at` fills: the oldest freed place of the run still empty then (places
-- are interchangeable). One definition for a refill from the waiting list and a new booking alike.
CREATE FUNCTION oldest_empty_freed_place(course integer, at timestamptz) RETURNS integer
  LANGUAGE sql STABLE AS $$
  SELECT id FROM freed_places
    WHERE course_id = course AND refilled_at IS NULL AND taken_at IS NULL AND freed_at <= at AND starts_at > at
    ORDER BY freed_at, id LIMIT 1
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bookings_record_freed_places() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  first_start timestamptz;
  at timestamptz;
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
    UPDATE freed_places SET refilled_at = at, refilled_by_booking_id = NEW.id
      WHERE id = oldest_empty_freed_place(NEW.course_id, at);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A new booking with a place (not one staff put over the capacity) takes the oldest place still empty.
CREATE FUNCTION bookings_take_freed_place() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  at timestamptz := coalesce(NEW.confirmed_at, now());
BEGIN
  UPDATE freed_places SET taken_at = at WHERE id = oldest_empty_freed_place(NEW.course_id, at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER bookings_take_freed_place
  AFTER INSERT ON bookings
  FOR EACH ROW WHEN (NEW.status = 'confirmed' AND NOT NEW.overbooked) EXECUTE FUNCTION bookings_take_freed_place();
