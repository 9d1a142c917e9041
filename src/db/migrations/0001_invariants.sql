-- Invariants kept by the database itself, whatever the application code does.

-- 1. courses.places_taken always equals the number of bookings holding a place (confirmed or
--    offered). With the CHECK course_not_overbooked on courses, a booking that would pass the
--    capacity fails inside its own transaction. The UPDATE also takes the course row lock, so
--    concurrent bookings for one course queue behind each other.
CREATE FUNCTION booking_holds_place(status text) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN status IN ('confirmed', 'offered') THEN 1 ELSE 0 END $$;
--> statement-breakpoint
CREATE FUNCTION bookings_maintain_places_taken() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE courses SET places_taken = places_taken - booking_holds_place(OLD.status)
      WHERE id = OLD.course_id AND booking_holds_place(OLD.status) = 1;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE courses SET places_taken = places_taken + booking_holds_place(NEW.status)
      WHERE id = NEW.course_id AND booking_holds_place(NEW.status) = 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER bookings_places_taken
  AFTER INSERT OR DELETE OR UPDATE OF status, course_id ON bookings
  FOR EACH ROW EXECUTE FUNCTION bookings_maintain_places_taken();
--> statement-breakpoint
-- 2. The audit log is append-only.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
