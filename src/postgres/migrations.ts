/**
 * The schema, as ordered migrations. Each runs once, in its own transaction, and is recorded in
 * schema_migrations; `npm run db:migrate` (and every start with DATABASE_URL) applies the missing
 * ones under an advisory lock. Never edit a released migration: add the next one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "plans, chunks, indicators, facts, snapshots",
    sql: `
CREATE EXTENSION IF NOT EXISTS vector;

-- One row per version of a plan file: a re-ingested unchanged file (same hash) is the same row.
CREATE TABLE plans (
  doc text NOT NULL,
  seed_sha256 text NOT NULL,
  file text NOT NULL,
  bytes integer NOT NULL,
  -- The converted plain text the model was parsed from, so any replica can parse it again.
  source_text text NOT NULL,
  model jsonb NOT NULL,
  title text,
  place text,
  period_from integer,
  period_to integer,
  warnings jsonb NOT NULL DEFAULT '[]',
  code_version text NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (doc, seed_sha256)
);
CREATE INDEX plans_place ON plans (place);

-- Retrieval units; search is the jieba tokens joined by spaces under the 'simple' configuration.
CREATE TABLE chunks (
  doc text NOT NULL,
  seed_sha256 text NOT NULL,
  position integer NOT NULL,
  chunk_id text NOT NULL,
  paragraph_id text NOT NULL,
  text text NOT NULL,
  tokens text NOT NULL,
  search tsvector GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED,
  location jsonb NOT NULL,
  PRIMARY KEY (doc, seed_sha256, position),
  FOREIGN KEY (doc, seed_sha256) REFERENCES plans ON DELETE CASCADE
);
CREATE INDEX chunks_search ON chunks USING gin (search);

CREATE TABLE indicators (
  doc text NOT NULL,
  seed_sha256 text NOT NULL,
  indicator_id text NOT NULL,
  category text NOT NULL,
  name text NOT NULL,
  unit text,
  indicator jsonb NOT NULL,
  PRIMARY KEY (doc, seed_sha256, indicator_id),
  FOREIGN KEY (doc, seed_sha256) REFERENCES plans ON DELETE CASCADE
);
CREATE INDEX indicators_name ON indicators (name);

CREATE TABLE facts (
  doc text NOT NULL,
  seed_sha256 text NOT NULL,
  fact_id text NOT NULL,
  subject text NOT NULL,
  value_text text NOT NULL,
  fact jsonb NOT NULL,
  PRIMARY KEY (doc, seed_sha256, fact_id),
  FOREIGN KEY (doc, seed_sha256) REFERENCES plans ON DELETE CASCADE
);
CREATE INDEX facts_doc ON facts (doc);

-- The serving state derived from a set of plan rows: the persisted model and the vector graph.
CREATE TABLE snapshots (
  id bigserial PRIMARY KEY,
  inputs_key text NOT NULL,
  code_version text NOT NULL,
  plan_set jsonb NOT NULL,
  manifest jsonb NOT NULL,
  model bytea NOT NULL,
  embedder_state text NOT NULL,
  hnsw bytea,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The one snapshot replicas serve; switched in the same transaction that writes a new one.
CREATE TABLE serving (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  snapshot_id bigint NOT NULL REFERENCES snapshots (id)
);
`,
  },
  {
    version: 2,
    name: "channel state: event dedupe, conversation history, feedback",
    sql: `
CREATE TABLE channel_events (
  event_key text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX channel_events_expiry ON channel_events (expires_at);

CREATE TABLE conversation_turns (
  id bigserial PRIMARY KEY,
  conversation text NOT NULL,
  question text NOT NULL,
  asked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_turns_conversation ON conversation_turns (conversation, asked_at);

CREATE TABLE feedback (
  id bigserial PRIMARY KEY,
  recorded_at timestamptz NOT NULL,
  kind text NOT NULL,
  record jsonb NOT NULL
);
`,
  },
  {
    version: 3,
    name: "plan catalog and per-plan serving parts (plans loaded on demand)",
    sql: `
-- One plan's serving part, built with the shared dictionary and embedder state of one ingest
-- (build_key): its model (knowledge, engine parts, chunks, BM25 postings) and its chunk vectors.
CREATE TABLE plan_parts (
  doc text NOT NULL,
  seed_sha256 text NOT NULL,
  build_key text NOT NULL,
  model bytea NOT NULL,
  vectors bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (doc, seed_sha256, build_key),
  FOREIGN KEY (doc, seed_sha256) REFERENCES plans ON DELETE CASCADE
);

-- What a replica loads at start: the plan list and the shared segmenter and embedder state.
CREATE TABLE catalogs (
  id bigserial PRIMARY KEY,
  inputs_key text NOT NULL,
  build_key text NOT NULL,
  code_version text NOT NULL,
  entries jsonb NOT NULL,
  user_words jsonb NOT NULL,
  dictionary jsonb NOT NULL,
  embedder jsonb NOT NULL,
  embedder_state text NOT NULL,
  current_year integer NOT NULL,
  skipped jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The plans of a catalog, for SQL that must see only the served versions (full-text plan choice).
CREATE TABLE catalog_plans (
  catalog_id bigint NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
  position integer NOT NULL,
  doc text NOT NULL,
  seed_sha256 text NOT NULL,
  PRIMARY KEY (catalog_id, position)
);
CREATE INDEX catalog_plans_doc ON catalog_plans (doc, seed_sha256);

-- The one catalog replicas serve; switched in the transaction that writes it.
CREATE TABLE serving_catalog (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  catalog_id bigint NOT NULL REFERENCES catalogs (id)
);
`,
  },
  {
    version: 4,
    name: "one full-text row per plan (plan choice ranks plans, not every chunk)",
    sql: `
-- A plan's chunk tokens in one tsvector: choosing plans ranks at most one row per plan instead of
-- every matching chunk (190,000 rows at 1,000 plans).
CREATE TABLE plan_search (
  doc text NOT NULL,
  seed_sha256 text NOT NULL,
  search tsvector NOT NULL,
  PRIMARY KEY (doc, seed_sha256),
  FOREIGN KEY (doc, seed_sha256) REFERENCES plans ON DELETE CASCADE
);
CREATE INDEX plan_search_search ON plan_search USING gin (search);

-- Plans ingested before this migration get their row from their chunk rows.
INSERT INTO plan_search (doc, seed_sha256, search)
SELECT doc, seed_sha256, to_tsvector('simple', string_agg(tokens, ' ' ORDER BY position))
  FROM chunks GROUP BY doc, seed_sha256;
`,
  },
];
