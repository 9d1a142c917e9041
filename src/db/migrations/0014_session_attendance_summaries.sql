-- The reports' attendance figures, summed per session once a session has ended, so that a report
-- over two years of a whole city reads one or two rows per session instead of every place booked
-- (about 690,000 booking-session pairs joined to the register and to the reminders sent).
--
-- A summary holds what the places of one session add up to (src/data/reports/attendance-figures.ts
-- has the definition of a place and of its outcome), split by whether the family got a reminder for
-- the session and, for a booking cancelled before the session started, by how many whole hours
-- before (rounded up): such a place counts only while LATE_CANCELLATION_HOURS is at least that many,
-- so the summary is right for any setting. Nothing in it depends on the time now: the report picks
-- the sessions that have ended itself.
--
-- Kept exactly right by marking, not by recomputing: every change that could alter a session's
-- places (bookings, register, reminders sent, the session's own times) appends a row to
-- session_attendance_stale in the same transaction, through the triggers below. A report uses a
-- summary only when the session has no such mark, and counts every other session live, in the same
-- query and snapshot. The refresh (SessionAttendanceSummaries.refresh, the worker's job every 10
-- minutes) deletes the marks it can see first, then recomputes from a later snapshot, so a change
-- committed while it runs either is seen by the recomputing or leaves its mark behind. Marks are
-- only ever inserted, so no write waits on another for them.
CREATE TABLE "session_attendance_summaries" (
	"session_id" integer PRIMARY KEY NOT NULL,
	"summarised_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "session_attendance_summaries" ADD CONSTRAINT "session_attendance_summaries_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "session_attendance_counts" (
	"session_id" integer NOT NULL,
	"reminded" boolean NOT NULL,
	-- Null: counted whatever the setting. n: a booking cancelled before the start, n hours before at most.
	"notice_hours" integer,
	"places_booked" integer NOT NULL,
	"attended" integer NOT NULL,
	"no_shows" integer NOT NULL,
	"late_cancellations" integer NOT NULL,
	"walk_ins" integer NOT NULL,
	CONSTRAINT "session_attendance_counts_notice" CHECK ("session_attendance_counts"."notice_hours" is null or "session_attendance_counts"."notice_hours" > 0),
	CONSTRAINT "session_attendance_counts_add_up" CHECK ("session_attendance_counts"."attended" + "session_attendance_counts"."no_shows" + "session_attendance_counts"."late_cancellations" = "session_attendance_counts"."places_booked")
);
--> statement-breakpoint
ALTER TABLE "session_attendance_counts" ADD CONSTRAINT "session_attendance_counts_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session_attendance_summaries"("session_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "session_attendance_counts_session_idx" ON "session_attendance_counts" USING btree ("session_id");
--> statement-breakpoint
CREATE TABLE "session_attendance_stale" (
	"session_id" integer NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "session_attendance_stale" ADD CONSTRAINT "session_attendance_stale_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "session_attendance_stale_session_idx" ON "session_attendance_stale" USING btree ("session_id");
--> statement-breakpoint
-- Bookings: a place is a confirmed or cancelled booking; its course, status, times and source count.
CREATE FUNCTION bookings_mark_session_attendance() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO session_attendance_stale (session_id)
      SELECT DISTINCT s.id FROM new_rows b JOIN sessions s ON s.course_id = b.course_id
      WHERE b.status IN ('confirmed', 'cancelled');
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO session_attendance_stale (session_id)
      SELECT DISTINCT s.id FROM old_rows b JOIN sessions s ON s.course_id = b.course_id
      WHERE b.status IN ('confirmed', 'cancelled');
  ELSE
    INSERT INTO session_attendance_stale (session_id)
      SELECT DISTINCT s.id FROM old_rows o JOIN new_rows n ON n.id = o.id
        JOIN sessions s ON s.course_id IN (o.course_id, n.course_id)
      WHERE (o.status IN ('confirmed', 'cancelled') OR n.status IN ('confirmed', 'cancelled'))
        AND (o.status, o.course_id, o.confirmed_at, o.ended_at, o.source) IS DISTINCT FROM (n.status, n.course_id, n.confirmed_at, n.ended_at, n.source);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER bookings_session_attendance_insert AFTER INSERT ON bookings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_mark_session_attendance();
--> statement-breakpoint
CREATE TRIGGER bookings_session_attendance_update AFTER UPDATE ON bookings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_mark_session_attendance();
--> statement-breakpoint
CREATE TRIGGER bookings_session_attendance_delete AFTER DELETE ON bookings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_mark_session_attendance();
--> statement-breakpoint
-- The register: any mark made, changed or removed.
CREATE FUNCTION attendance_mark_session_attendance() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO session_attendance_stale (session_id) SELECT DISTINCT session_id FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    -- A session being deleted takes its register with it: nothing to mark.
    INSERT INTO session_attendance_stale (session_id)
      SELECT DISTINCT o.session_id FROM old_rows o WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.id = o.session_id);
  ELSE
    INSERT INTO session_attendance_stale (session_id)
      SELECT session_id FROM old_rows UNION SELECT session_id FROM new_rows;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attendance_session_attendance_insert AFTER INSERT ON attendance
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attendance_mark_session_attendance();
--> statement-breakpoint
CREATE TRIGGER attendance_session_attendance_update AFTER UPDATE ON attendance
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attendance_mark_session_attendance();
--> statement-breakpoint
CREATE TRIGGER attendance_session_attendance_delete AFTER DELETE ON attendance
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION attendance_mark_session_attendance();
--> statement-breakpoint
-- Reminders: whether a family got a reminder for a session (a reminder sent or delivered).
CREATE FUNCTION notifications_mark_session_attendance() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO session_attendance_stale (session_id)
      SELECT DISTINCT n.session_id FROM new_rows n
      WHERE n.session_id IS NOT NULL AND n.kind LIKE 'reminder%' AND n.state IN ('sent', 'delivered');
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO session_attendance_stale (session_id)
      SELECT DISTINCT o.session_id FROM old_rows o
      WHERE o.session_id IS NOT NULL AND o.kind LIKE 'reminder%' AND o.state IN ('sent', 'delivered')
        AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = o.session_id);
  ELSE
    INSERT INTO session_attendance_stale (session_id)
      SELECT DISTINCT x.session_id FROM old_rows o JOIN new_rows n ON n.id = o.id,
        LATERAL (VALUES (o.session_id), (n.session_id)) x (session_id)
      WHERE x.session_id IS NOT NULL
        AND ((o.kind LIKE 'reminder%' AND o.state IN ('sent', 'delivered')) OR (n.kind LIKE 'reminder%' AND n.state IN ('sent', 'delivered')))
        AND (o.kind LIKE 'reminder%' AND o.state IN ('sent', 'delivered'), o.booking_id, o.session_id)
          IS DISTINCT FROM (n.kind LIKE 'reminder%' AND n.state IN ('sent', 'delivered'), n.booking_id, n.session_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER notifications_session_attendance_insert AFTER INSERT ON notifications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_mark_session_attendance();
--> statement-breakpoint
CREATE TRIGGER notifications_session_attendance_update AFTER UPDATE ON notifications
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_mark_session_attendance();
--> statement-breakpoint
CREATE TRIGGER notifications_session_attendance_delete AFTER DELETE ON notifications
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_mark_session_attendance();
--> statement-breakpoint
-- Sessions: moved (its start decides which cancellations were late, its end which confirmations
-- came in time), cancelled or restored, or moved to another course.
CREATE FUNCTION sessions_mark_session_attendance() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO session_attendance_stale (session_id)
    SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.course_id, o.starts_at, o.ends_at, o.cancelled_at) IS DISTINCT FROM (n.course_id, n.starts_at, n.ends_at, n.cancelled_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_session_attendance_update AFTER UPDATE ON sessions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sessions_mark_session_attendance();
--> statement-breakpoint
-- The reports' messages by channel and kind for the whole city, the same way: counts per London day
-- (of coalesce(sent_at, due_at), the instant a message is counted at) for the days before today,
-- marked stale by any change to a message counted on that day, recomputed by the same job, and
-- counted live for every day without an up-to-date summary. A report's range is whole London days.
CREATE TABLE "message_day_summaries" (
	"day" date PRIMARY KEY NOT NULL,
	"summarised_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_day_counts" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"sent" integer NOT NULL,
	"delivered" integer NOT NULL,
	"failed" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_day_counts" ADD CONSTRAINT "message_day_counts_day_fk" FOREIGN KEY ("day") REFERENCES "public"."message_day_summaries"("day") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "message_day_counts_day_idx" ON "message_day_counts" USING btree ("day");
--> statement-breakpoint
CREATE TABLE "message_day_stale" (
	"day" date NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "message_day_stale_day_idx" ON "message_day_stale" USING btree ("day");
--> statement-breakpoint
CREATE FUNCTION notifications_mark_message_days() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO message_day_stale (day)
      SELECT DISTINCT (coalesce(n.sent_at, n.due_at) AT TIME ZONE 'Europe/London')::date FROM new_rows n
      WHERE n.booking_id IS NOT NULL AND n.state IN ('sent', 'delivered', 'failed');
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO message_day_stale (day)
      SELECT DISTINCT (coalesce(o.sent_at, o.due_at) AT TIME ZONE 'Europe/London')::date FROM old_rows o
      WHERE o.booking_id IS NOT NULL AND o.state IN ('sent', 'delivered', 'failed');
  ELSE
    INSERT INTO message_day_stale (day)
      SELECT DISTINCT x.day FROM old_rows o JOIN new_rows n ON n.id = o.id,
        LATERAL (VALUES ((coalesce(o.sent_at, o.due_at) AT TIME ZONE 'Europe/London')::date),
          ((coalesce(n.sent_at, n.due_at) AT TIME ZONE 'Europe/London')::date)) x (day)
      WHERE x.day IS NOT NULL
        AND ((o.booking_id IS NOT NULL AND o.state IN ('sent', 'delivered', 'failed'))
          OR (n.booking_id IS NOT NULL AND n.state IN ('sent', 'delivered', 'failed')))
        AND (o.booking_id IS NULL, o.state, o.channel, o.kind, coalesce(o.sent_at, o.due_at))
          IS DISTINCT FROM (n.booking_id IS NULL, n.state, n.channel, n.kind, coalesce(n.sent_at, n.due_at));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER notifications_message_days_insert AFTER INSERT ON notifications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_mark_message_days();
--> statement-breakpoint
CREATE TRIGGER notifications_message_days_update AFTER UPDATE ON notifications
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_mark_message_days();
--> statement-breakpoint
CREATE TRIGGER notifications_message_days_delete AFTER DELETE ON notifications
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_mark_message_days();
