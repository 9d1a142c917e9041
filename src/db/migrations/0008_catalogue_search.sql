-- Full-text and typo-tolerant search of the public catalogue.
--
-- pg_trgm gives word_similarity (typos: "behavour" finds "behaviour") and similarity (the "Did you
-- mean" word). The embedded PGlite database loads it in its constructor (src/db/database.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- A programme's search document, weighted: title (A), summary and topics (B), description (C), then
-- language and who it is for (D). English stemming, so "baby" and "babies" are the same word. An
-- immutable function so that one expression both builds the index and is matched by queries; hub
-- names (a course's, not a programme's) are added at query time.
CREATE FUNCTION programme_search_vector(title text, summary text, topics text[], description text, language text, audience text)
  RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(summary, '') || ' ' || replace(coalesce(array_to_string(topics, ' '), ''), '-', ' ')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')
    || setweight(to_tsvector('english'::regconfig, coalesce(language, '') || ' ' || coalesce(audience, '')), 'D')
$$;
--> statement-breakpoint
-- The words a typo is compared with (lower case, topics as words).
CREATE FUNCTION programme_search_text(title text, summary text, topics text[], language text)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(coalesce(title, '') || ' ' || coalesce(summary, '') || ' '
    || replace(coalesce(array_to_string(topics, ' '), ''), '-', ' ') || ' ' || coalesce(language, ''))
$$;
--> statement-breakpoint
CREATE INDEX "programmes_search_vector" ON "programmes"
  USING gin (programme_search_vector("title", "summary", "topics", "description", "language", "audience"));
