-- Open offers: the free places of a run offered to every family waiting at once; the first to
-- accept gets a place. An open offer holds no place (places_taken counts only confirmed and
-- exclusively offered bookings): acceptance confirms a waiting booking under the course lock, and
-- the course_not_overbooked check stops a second family taking a place that has gone.
CREATE TABLE "open_offers" (
	"id" serial PRIMARY KEY NOT NULL,
	"course_id" integer NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"opened_by_staff_id" integer,
	CONSTRAINT "open_offer_closes_after_opening" CHECK ("open_offers"."closes_at" > "open_offers"."opened_at"),
	CONSTRAINT "open_offer_close_reason" CHECK (("open_offers"."closed_at" is null) = ("open_offers"."close_reason" is null)
		and ("open_offers"."close_reason" is null or "open_offers"."close_reason" in ('filled', 'cut_off', 'no_one_waiting', 'course_closed')))
);
--> statement-breakpoint
ALTER TABLE "open_offers" ADD CONSTRAINT "open_offers_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- At most one open offer running per run: a second would message the same families twice.
CREATE UNIQUE INDEX "open_offers_one_live_per_course" ON "open_offers" USING btree ("course_id") WHERE "open_offers"."closed_at" is null;
--> statement-breakpoint
-- Who was told of an open offer (and so is told when it has gone), and who took a place from it.
CREATE TABLE "open_offer_families" (
	"open_offer_id" integer NOT NULL,
	"booking_id" integer NOT NULL,
	"offered_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "open_offer_families_pk" PRIMARY KEY ("open_offer_id", "booking_id")
);
--> statement-breakpoint
ALTER TABLE "open_offer_families" ADD CONSTRAINT "open_offer_families_open_offer_id_fk" FOREIGN KEY ("open_offer_id") REFERENCES "public"."open_offers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "open_offer_families" ADD CONSTRAINT "open_offer_families_booking_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "open_offer_families_booking_idx" ON "open_offer_families" USING btree ("booking_id");
