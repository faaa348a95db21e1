import { z } from "zod";
import type { Database } from "./database.js";
import { LOCKS } from "./database.js";
import { catalogEntrySchema, type CatalogToPublish, type StoredCatalog } from "../store/plan-catalog.js";
import { decodePlanPart, encodePlanPart, vectorBytes, type PlanPart } from "../store/plan-part.js";
import { chunkSearchText } from "../store/build-index.js";
import { contentTokens, type Segmenter } from "../segment/segmenter.js";

type Queryable = { query: (text: string, values?: unknown[]) => Promise<unknown> };

/** Inserts rows in batches (one statement per `batch` rows, under PostgreSQL's 65,535 parameters). */
export async function insertRows(client: Queryable, table: string, columns: readonly string[], rows: readonly unknown[][], batch = Math.floor(60_000 / Math.max(1, columns.length))): Promise<void> {
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch);
    const values: unknown[] = [];
    const tuples = slice.map((row) => `(${row.map((value) => {
      values.push(value);
      return `$${values.length}`;
    }).join(", ")})`);
    await client.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, values);
  }
}

const catalogRowSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  inputs_key: z.string(),
  build_key: z.string(),
  code_version: z.string(),
  entries: z.array(catalogEntrySchema),
  user_words: z.array(z.string()),
  dictionary: z.object({ key: z.string(), text: z.string() }),
  embedder: z.object({ id: z.string(), dimension: z.number().int().positive() }),
  embedder_state: z.string(),
  current_year: z.number().int(),
  skipped: z.array(z.string()),
});

/**
 * The catalog replicas serve, or null when none was published; "corrupt" when its row does not
 * read as a catalog.
 */
export async function readServingCatalog(database: Database): Promise<StoredCatalog | null | { readonly corrupt: string }> {
  const result = await database.query("SELECT c.* FROM serving_catalog s JOIN catalogs c ON c.id = s.catalog_id");
  const row = result.rows[0];
  if (!row) return null;
  const parsed = catalogRowSchema.safeParse(row);
  if (!parsed.success) return { corrupt: `catalog row invalid: ${parsed.error.issues[0]?.message ?? "unknown"}` };
  const data = parsed.data;
  return {
    buildKey: data.build_key,
    skipped: data.skipped,
    catalog: {
      id: data.id,
      entries: data.entries,
      userWords: data.user_words,
      dictionary: data.dictionary,
      embedder: { ...data.embedder, state: JSON.parse(data.embedder_state) as unknown },
      codeVersion: data.code_version,
      inputsKey: data.inputs_key,
      currentYear: data.current_year,
    },
  };
}

/** Whether the part of this plan version for this build is already stored (an unchanged re-run skips it). */
export async function hasPlanPart(database: Database, doc: string, sha256: string, buildKey: string): Promise<boolean> {
  return ((await database.query("SELECT 1 FROM plan_parts WHERE doc = $1 AND seed_sha256 = $2 AND build_key = $3", [doc, sha256, buildKey])).rowCount ?? 0) > 0;
}

/**
 * Writes one plan's part in its own transaction under the ingest lock, with the plan's rows that
 * SQL queries read (chunks with their jieba tokens for full text, indicators, facts). The plan row
 * itself was written by the ingest before.
 */
export async function writePlanPart(database: Database, part: PlanPart, buildKey: string, segmenter: Segmenter): Promise<void> {
  const { doc, sha256 } = part.seed;
  const model = encodePlanPart(part);
  await database.transaction(async (client) => {
    await client.query("DELETE FROM plan_parts WHERE doc = $1 AND seed_sha256 = $2 AND build_key = $3", [doc, sha256, buildKey]);
    await client.query("INSERT INTO plan_parts (doc, seed_sha256, build_key, model, vectors) VALUES ($1, $2, $3, $4, $5)", [doc, sha256, buildKey, model, vectorBytes(part)]);
    for (const table of ["chunks", "plan_search", "indicators", "facts"]) await client.query(`DELETE FROM ${table} WHERE doc = $1 AND seed_sha256 = $2`, [doc, sha256]);
    await insertRows(client, "chunks", ["doc", "seed_sha256", "position", "chunk_id", "paragraph_id", "text", "tokens", "location"], part.chunks.map((chunk, position) => [doc, sha256, position, chunk.id, chunk.paragraphId, chunk.text, contentTokens(segmenter.cut(chunkSearchText(chunk))).join(" "), JSON.stringify(chunk.location)]));
    // The plan's full-text row: its chunks' tokens in chunk order, in one tsvector.
    await client.query("INSERT INTO plan_search (doc, seed_sha256, search) SELECT $1, $2, to_tsvector('simple', coalesce(string_agg(tokens, ' ' ORDER BY position), '')) FROM chunks WHERE doc = $1 AND seed_sha256 = $2", [doc, sha256]);
    const seenIndicators = new Set<string>();
    await insertRows(client, "indicators", ["doc", "seed_sha256", "indicator_id", "category", "name", "unit", "indicator"], part.knowledge.indicators.filter((indicator) => !seenIndicators.has(indicator.id) && seenIndicators.add(indicator.id)).map((indicator) => [doc, sha256, indicator.id, indicator.category, indicator.name, indicator.unit, JSON.stringify(indicator)]));
    const seenFacts = new Set<string>();
    await insertRows(client, "facts", ["doc", "seed_sha256", "fact_id", "subject", "value_text", "fact"], part.knowledge.facts.filter((fact) => !seenFacts.has(fact.id) && seenFacts.add(fact.id)).map((fact) => [doc, sha256, fact.id, fact.subject, fact.valueText, JSON.stringify(fact)]));
  }, { lock: LOCKS.ingest });
}

/**
 * Switches what replicas serve to this catalog in one transaction under the ingest lock: the
 * catalog row and its plan list are written, `serving_catalog` points to it, and catalogs older
 * than the previous one, parts and plan versions neither serves and the whole-set snapshot of
 * earlier releases are removed. A kill before the commit leaves the previous catalog serving.
 * @returns the new catalog's id.
 */
export async function publishCatalog(database: Database, input: CatalogToPublish): Promise<string> {
  return database.transaction(async (client) => {
    const inserted = await client.query<{ id: string }>(
      "INSERT INTO catalogs (inputs_key, build_key, code_version, entries, user_words, dictionary, embedder, embedder_state, current_year, skipped) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
      [input.inputsKey, input.buildKey, input.codeVersion, JSON.stringify(input.entries), JSON.stringify(input.userWords), JSON.stringify(input.dictionary), JSON.stringify(input.embedder), JSON.stringify(input.embedderState ?? null), input.currentYear, JSON.stringify(input.skipped)],
    );
    const id = String(inserted.rows[0]!.id);
    // The catalog served until now stays readable (its parts and plan rows too): replicas started on it
    // keep answering until they restart; the one before it goes.
    const previous = (await client.query<{ catalog_id: string }>("SELECT catalog_id FROM serving_catalog")).rows[0]?.catalog_id ?? id;
    await insertRows(client, "catalog_plans", ["catalog_id", "position", "doc", "seed_sha256"], input.entries.map((entry, position) => [id, position, entry.seed.doc, entry.seed.sha256]));
    await client.query("INSERT INTO serving_catalog (singleton, catalog_id) VALUES (true, $1) ON CONFLICT (singleton) DO UPDATE SET catalog_id = EXCLUDED.catalog_id", [id]);
    await client.query("DELETE FROM catalogs WHERE id <> $1 AND id <> $2", [id, previous]);
    await client.query("DELETE FROM plan_parts WHERE build_key NOT IN (SELECT build_key FROM catalogs)");
    await client.query("DELETE FROM plans p WHERE NOT EXISTS (SELECT 1 FROM catalog_plans kept WHERE kept.doc = p.doc AND kept.seed_sha256 = p.seed_sha256)");
    // The whole-set snapshot of earlier releases is served no more.
    await client.query("DELETE FROM serving");
    await client.query("DELETE FROM snapshots");
    return id;
  }, { lock: LOCKS.ingest });
}

/** Reads and decodes the parts of these plan versions (one query). Rows of other builds are not read. */
export async function readPlanParts(database: Database, buildKey: string, dimension: number, seeds: readonly { readonly doc: string; readonly sha256: string }[]): Promise<PlanPart[]> {
  if (seeds.length === 0) return [];
  const result = await database.query<{ doc: string; seed_sha256: string; model: Buffer; vectors: Buffer }>(
    "SELECT p.doc, p.seed_sha256, p.model, p.vectors FROM plan_parts p JOIN unnest($2::text[], $3::text[]) AS wanted (doc, sha) ON wanted.doc = p.doc AND wanted.sha = p.seed_sha256 WHERE p.build_key = $1",
    [buildKey, seeds.map((seed) => seed.doc), seeds.map((seed) => seed.sha256)],
  );
  return result.rows.map((row) => decodePlanPart(row.model, row.vectors, dimension));
}

/** Lexemes safe to put in a tsquery as they are (letters and digits only). */
const LEXEME = /^[\p{L}\p{N}]+$/u;

/**
 * Ranks the catalog's plans by full-text search: each plan's one `tsvector` (its chunks' jieba
 * tokens, `plan_search`, GIN index) that matches any of `terms`, ranked by `ts_rank` normalised by
 * the plan's length (flag 1: a long plan does not win by size alone), ties by doc id. Returns up to
 * `limit` doc ids, best first; `within` restricts the plans. Terms that are not plain words are left
 * out; no usable term returns [].
 */
export async function rankPlansByText(database: Database, catalogId: string, terms: readonly string[], limit: number, within: readonly string[] | null = null): Promise<string[]> {
  const lexemes = [...new Set(terms.map((term) => term.toLowerCase()).filter((term) => LEXEME.test(term)))];
  if (lexemes.length === 0) return [];
  const query = lexemes.map((lexeme) => `'${lexeme}'`).join(" | ");
  const result = await database.query<{ doc: string }>(
    `SELECT p.doc, ts_rank(p.search, q, 1) AS rank
       FROM to_tsquery('simple', $2) AS q, plan_search p
       JOIN catalog_plans cp ON cp.catalog_id = $1 AND cp.doc = p.doc AND cp.seed_sha256 = p.seed_sha256
      WHERE p.search @@ q AND ($4::text[] IS NULL OR p.doc = ANY($4::text[]))
      ORDER BY rank DESC, p.doc
      LIMIT $3`,
    [catalogId, query, limit, within],
  );
  return result.rows.map((row) => row.doc);
}
