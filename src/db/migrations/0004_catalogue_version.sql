-- One row whose value changes whenever anything the public catalogue pages show changes: courses
-- (places taken, booking open, cancelled), their sessions, programmes and hubs. A web process reads
-- it with one tiny query per page view and reuses the page data it built at the same value, so every
-- web process sees a booking or a staff change on the very next page view.
--
-- The value is the id of the transaction that made the change (never reused, unlike a counter that a
-- truncate would reset). The trigger is a deferred constraint trigger: it runs at commit, so the row
-- lock is taken last and held only for the commit, and it can't form a deadlock with other row locks.
-- A second change in the same transaction finds the value already set and writes nothing.
CREATE TABLE "catalogue_version" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL CHECK ("id"),
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "catalogue_version" ("id", "version") VALUES (true, txid_current());
--> statement-breakpoint
CREATE FUNCTION catalogue_version_bump() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalogue_version (id, version) VALUES (true, txid_current())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version WHERE catalogue_version.version <> excluded.version;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER courses_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON courses
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER sessions_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON sessions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER programmes_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON programmes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER hubs_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON hubs
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
--> statement-breakpoint
-- A truncate (tests emptying the database) fires no row trigger: bump at once instead.
CREATE TRIGGER courses_catalogue_version_truncate AFTER TRUNCATE ON courses
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump();
--> statement-breakpoint
CREATE TRIGGER sessions_catalogue_version_truncate AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump();
