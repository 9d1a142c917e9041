CREATE TABLE "courses" (
	"id" serial PRIMARY KEY NOT NULL,
	"programme_id" integer NOT NULL,
	"kind" text NOT NULL,
	"hub_id" integer,
	"online_url" text,
	"capacity" integer NOT NULL,
	"places_taken" integer DEFAULT 0 NOT NULL,
	"overbooked_places" integer DEFAULT 0 NOT NULL,
	"booking_open" boolean DEFAULT true NOT NULL,
	"cancelled_at" timestamp with time zone,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_capacity_positive" CHECK ("courses"."capacity" >= 0),
	CONSTRAINT "course_places_taken_non_negative" CHECK ("courses"."places_taken" >= 0),
	CONSTRAINT "course_not_overbooked" CHECK ("courses"."places_taken" <= "courses"."capacity" + "courses"."overbooked_places")
);
--> statement-breakpoint
CREATE TABLE "hubs" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"address_lines" text[] NOT NULL,
	"postcode" text NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"opening_hours" text NOT NULL,
	"step_free" boolean DEFAULT false NOT NULL,
	"parking" boolean DEFAULT false NOT NULL,
	"baby_change" boolean DEFAULT false NOT NULL,
	"accessibility_notes" text,
	"getting_there" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hubs_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description" text NOT NULL,
	"topics" text[] NOT NULL,
	"audience" text DEFAULT 'parents' NOT NULL,
	"child_age_from_months" integer,
	"child_age_to_months" integer,
	"language" text DEFAULT 'English' NOT NULL,
	"delivery" text DEFAULT 'in_person' NOT NULL,
	"booking_mode" text DEFAULT 'open' NOT NULL,
	"reminder_settings" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programmes_slug_unique" UNIQUE("slug"),
	CONSTRAINT "programme_ages_ordered" CHECK ("programmes"."child_age_from_months" is null or "programmes"."child_age_to_months" is null or "programmes"."child_age_from_months" <= "programmes"."child_age_to_months")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"course_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"hub_id" integer,
	"room" text,
	"online_url" text,
	"cancelled_at" timestamp with time zone,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_ends_after_start" CHECK ("sessions"."ends_at" > "sessions"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "children" (
	"id" serial PRIMARY KEY NOT NULL,
	"family_id" integer NOT NULL,
	"first_name" text NOT NULL,
	"date_of_birth" date,
	"age_years" integer,
	"due_date" date
);
--> statement-breakpoint
CREATE TABLE "families" (
	"id" serial PRIMARY KEY NOT NULL,
	"parent_name" text NOT NULL,
	"other_carers" text,
	"email" text,
	"phone" text,
	"postcode" text,
	"contact_by_email" boolean DEFAULT false NOT NULL,
	"contact_by_sms" boolean DEFAULT false NOT NULL,
	"consent_given_at" timestamp with time zone,
	"consent_source" text,
	"consent_recorded_by" integer,
	"interpreter_language" text,
	"needs_step_free" boolean DEFAULT false NOT NULL,
	"needs_childcare" boolean DEFAULT false NOT NULL,
	"other_support" text,
	"priority" boolean DEFAULT false NOT NULL,
	"referred_by" text,
	"referral_notes" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_has_contact" CHECK ("families"."email" is not null or "families"."phone" is not null)
);
--> statement-breakpoint
CREATE TABLE "sms_opt_outs" (
	"phone" text PRIMARY KEY NOT NULL,
	"opted_out_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"booking_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"status" text NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_booking_id_session_id_pk" PRIMARY KEY("booking_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" serial PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"course_id" integer NOT NULL,
	"family_id" integer NOT NULL,
	"status" text NOT NULL,
	"source" text DEFAULT 'online' NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"request_key" text,
	"manage_nonce" text NOT NULL,
	"manage_token_hash" text NOT NULL,
	"waitlist_joined_at" timestamp with time zone,
	"offered_at" timestamp with time zone,
	"offer_expires_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"cancel_reason" text,
	"overbooked" boolean DEFAULT false NOT NULL,
	"overbook_reason" text,
	"created_by_staff_id" integer,
	"calendar_sequence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_reference_unique" UNIQUE("reference"),
	CONSTRAINT "bookings_request_key_unique" UNIQUE("request_key"),
	CONSTRAINT "bookings_manage_token_hash_unique" UNIQUE("manage_token_hash"),
	CONSTRAINT "booking_offer_has_expiry" CHECK ("bookings"."status" <> 'offered' or "bookings"."offer_expires_at" is not null),
	CONSTRAINT "booking_overbook_has_reason" CHECK (not "bookings"."overbooked" or "bookings"."overbook_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "inbound_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"provider_message_id" text,
	"from_phone" text NOT NULL,
	"body" text NOT NULL,
	"action" text NOT NULL,
	"details" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_messages_provider_message_id_unique" UNIQUE("provider_message_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"booking_id" integer,
	"session_id" integer,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"due_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"provider_message_id" text,
	"provider_status" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"staff_user_id" integer,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" integer,
	"family_id" integer,
	"changes" jsonb
);
--> statement-breakpoint
CREATE TABLE "http_sessions" (
	"sid" text PRIMARY KEY NOT NULL,
	"sess" jsonb NOT NULL,
	"expire" timestamp (6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "password_resets" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"staff_user_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "session_facilitators" (
	"session_id" integer NOT NULL,
	"staff_user_id" integer NOT NULL,
	CONSTRAINT "session_facilitators_session_id_staff_user_id_pk" PRIMARY KEY("session_id","staff_user_id")
);
--> statement-breakpoint
CREATE TABLE "staff_hubs" (
	"staff_user_id" integer NOT NULL,
	"hub_id" integer NOT NULL,
	CONSTRAINT "staff_hubs_staff_user_id_hub_id_pk" PRIMARY KEY("staff_user_id","hub_id")
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"session_generation" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_facilitators" ADD CONSTRAINT "session_facilitators_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_facilitators" ADD CONSTRAINT "session_facilitators_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_hubs" ADD CONSTRAINT "staff_hubs_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_hubs" ADD CONSTRAINT "staff_hubs_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "courses_programme_idx" ON "courses" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "courses_hub_idx" ON "courses" USING btree ("hub_id");--> statement-breakpoint
CREATE INDEX "sessions_course_idx" ON "sessions" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "sessions_starts_at_idx" ON "sessions" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "children_family_idx" ON "children" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "families_email_idx" ON "families" USING btree ("email");--> statement-breakpoint
CREATE INDEX "families_phone_idx" ON "families" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "attendance_session_idx" ON "attendance" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_active_per_email" ON "bookings" USING btree ("course_id","contact_email") WHERE "bookings"."status" in ('confirmed', 'offered', 'waiting') and "bookings"."contact_email" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_active_per_phone" ON "bookings" USING btree ("course_id","contact_phone") WHERE "bookings"."status" in ('confirmed', 'offered', 'waiting') and "bookings"."contact_phone" is not null;--> statement-breakpoint
CREATE INDEX "bookings_course_status_idx" ON "bookings" USING btree ("course_id","status");--> statement-breakpoint
CREATE INDEX "bookings_family_idx" ON "bookings" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "bookings_offer_expiry_idx" ON "bookings" USING btree ("offer_expires_at") WHERE "bookings"."status" = 'offered';--> statement-breakpoint
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("due_at") WHERE "notifications"."state" = 'scheduled';--> statement-breakpoint
CREATE INDEX "notifications_booking_idx" ON "notifications" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_provider_id_idx" ON "notifications" USING btree ("provider_message_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_family_idx" ON "audit_log" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "http_sessions_expire_idx" ON "http_sessions" USING btree ("expire");--> statement-breakpoint
CREATE INDEX "session_facilitators_staff_idx" ON "session_facilitators" USING btree ("staff_user_id");