-- "Tell me about new dates" (issue 10): a family asks, with no account, to hear when places come
-- up for a programme. Each message carries a one-click unsubscribe link whose token is
-- HMAC(secret, unsubscribe_nonce) (src/services/tokens.ts); only its SHA-256 is kept for look-ups.
-- One message per run per subscriber and channel is held by the notifications' unique dedupe_key,
-- 'new_dates:<subscription>:<course>:<channel>'. Unsubscribing deletes the row.
CREATE TABLE "new_dates_subscriptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"programme_id" integer NOT NULL,
	"email" text,
	"phone" text,
	"language" text DEFAULT 'en' NOT NULL,
	"unsubscribe_nonce" text NOT NULL,
	"unsubscribe_token_hash" text NOT NULL,
	"consent_given_at" timestamp with time zone NOT NULL,
	"last_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "new_dates_subscriptions_unsubscribe_token_hash_unique" UNIQUE("unsubscribe_token_hash"),
	CONSTRAINT "new_dates_has_contact" CHECK ("new_dates_subscriptions"."email" is not null or "new_dates_subscriptions"."phone" is not null),
	CONSTRAINT "new_dates_language" CHECK ("new_dates_subscriptions"."language" in ('en', 'pl', 'pa', 'ar'))
);
--> statement-breakpoint
ALTER TABLE "new_dates_subscriptions" ADD CONSTRAINT "new_dates_subscriptions_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Asking twice with the same email or phone keeps one subscription.
CREATE UNIQUE INDEX "new_dates_one_per_email" ON "new_dates_subscriptions" USING btree ("programme_id", "email") WHERE "new_dates_subscriptions"."email" is not null;
--> statement-breakpoint
CREATE UNIQUE INDEX "new_dates_one_per_phone" ON "new_dates_subscriptions" USING btree ("programme_id", "phone") WHERE "new_dates_subscriptions"."phone" is not null;
