-- Private calendar subscription feeds (/calendar/<token>.ics): one per family record, per member of
-- staff (the sessions they run) or per hub (every session there, for staff). The token is
-- HMAC(secret, "calendar-feed:<nonce>") like the manage links (services/tokens.ts): the nonce is kept
-- so the page can show the address again, the token itself never is, and look-ups use its SHA-256.
-- content_hash and content_changed_at make the feed's ETag and Last-Modified: the hash of what was
-- last served and when it first differed from the one before.
CREATE TABLE "calendar_feeds" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"token_nonce" text NOT NULL,
	"kind" text NOT NULL,
	"family_id" integer REFERENCES "families"("id") ON DELETE CASCADE,
	"staff_user_id" integer REFERENCES "staff_users"("id") ON DELETE CASCADE,
	"hub_id" integer REFERENCES "hubs"("id") ON DELETE CASCADE,
	"created_by_staff_id" integer REFERENCES "staff_users"("id") ON DELETE SET NULL,
	"content_hash" text,
	"content_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "calendar_feed_kind" CHECK ("kind" in ('family', 'facilitator', 'hub')),
	-- Exactly the owner column its kind needs, and no other.
	CONSTRAINT "calendar_feed_owner" CHECK (
		("kind" = 'family' and "family_id" is not null and "staff_user_id" is null and "hub_id" is null)
		or ("kind" = 'facilitator' and "staff_user_id" is not null and "family_id" is null and "hub_id" is null)
		or ("kind" = 'hub' and "hub_id" is not null and "family_id" is null and "staff_user_id" is null))
);
--> statement-breakpoint
-- One active feed per owner: "Replace this link" revokes the old one in the same transaction.
CREATE UNIQUE INDEX "calendar_feeds_one_active_per_family" ON "calendar_feeds" ("family_id") WHERE "kind" = 'family' and "revoked_at" is null;
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_one_active_per_staff" ON "calendar_feeds" ("staff_user_id") WHERE "kind" = 'facilitator' and "revoked_at" is null;
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_one_active_per_hub" ON "calendar_feeds" ("hub_id") WHERE "kind" = 'hub' and "revoked_at" is null;
