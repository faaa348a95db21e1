import { PGVectorStore } from "@langchain/community/vectorstores/pgvector";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { readSeeds, scanSeeds } from "../app/read-seeds.js";
import type { ConvertLimits } from "../convert/limits.js";
import type { Embedder } from "../embed/embedder.js";
import { parsePlan } from "../parse/parse-plan.js";
import type { Plan, PlanMetadata } from "../parse/plan-types.js";
import { contentTokens } from "../segment/segmenter.js";
import { buildIndex, chunkSearchText, inputsKey, type SeedInfo } from "../store/build-index.js";
import { codeVersion } from "../store/code-version.js";
import { manifestSchema } from "../store/index-manifest.js";
import { vectorStoreOver, type LoadModelResult, type OpenVectors } from "../store/load-index.js";
import { decodeSnapshot } from "../store/model-snapshot.js";
import type { PlanSource, PlanStore, PublishInput } from "../store/plan-store.js";
import type pg from "pg";
import { PlanAssistantError } from "../errors.js";
import { type Database, LOCKS } from "./database.js";
import { hasPlanPart, insertRows, publishCatalog, rankPlansByText, readPlanParts, readServingCatalog, writePlanPart } from "./postgres-catalog.js";
import type { CatalogBackend } from "../store/plan-catalog.js";
import type { PlanPart } from "../store/plan-part.js";

export interface PostgresStoreOptions {
  readonly database: Database;
  /** A local folder for the trimmed dictionary and the vector graph read back from the database. */
  readonly cacheDir: string;
  /** Ingest mode (`npm run ingest`): plans come from these files and are written to the database. */
  readonly seedsDir?: string;
  readonly convertLimits?: Partial<ConvertLimits>;
  /** Also write chunk embeddings through LangChain's PGVectorStore (pgvector, HNSW); default true. */
  readonly storeEmbeddings?: boolean;
  /** maintenance_work_mem for building the HNSW index (DEFAULT_INDEX_BUILD_MEMORY); pgvector builds far faster when the graph fits. */
  readonly indexBuildMemory?: string;
}

/**
 * maintenance_work_mem for the HNSW build. pgvector builds in memory when the graph fits and
 * on disk otherwise, several times slower: 40,000 vectors of 512 dimensions took 109 s with 1GB
 * and 251 s with the 64MB default on PGlite here. 1,000 plans are ~190,000 vectors.
 */
export const DEFAULT_INDEX_BUILD_MEMORY = "1GB";

/** Longest the HNSW build may take before the client gives up (the pool's query timeout is for answers). */
const INDEX_BUILD_TIMEOUT_MS = 6 * 60 * 60 * 1000;

/**
 * Builds the HNSW index over the chunk embeddings (cosine, m=16, ef_construction=64; the name and
 * definition LangChain's PGVectorStore.createHnswIndex uses), once after an ingest's vectors are
 * written, in one transaction with no statement timeout and `memory` of maintenance_work_mem.
 * A no-op when the index exists (later rows are indexed as they are inserted).
 * @throws the database's error when the build fails.
 */
async function buildEmbeddingIndex(database: Database, dimensions: number, memory: string): Promise<void> {
  if (!/^\d+(kB|MB|GB)$/.test(memory)) throw new PlanAssistantError("CONFIG_INVALID", `indexBuildMemory must look like 512MB or 1GB (got ${memory})`);
  await database.transaction(async (client) => {
    await client.query("SET LOCAL statement_timeout = 0");
    await client.query(`SET LOCAL maintenance_work_mem = '${memory}'`);
    await client.query({
      text: `CREATE INDEX IF NOT EXISTS ${EMBEDDINGS_TABLE}_embedding_embedding_hnsw_idx ON ${EMBEDDINGS_TABLE} USING hnsw ((embedding::vector(${Math.floor(dimensions)})) vector_cosine_ops) WITH (m = 16, ef_construction = 64)`,
      query_timeout: INDEX_BUILD_TIMEOUT_MS,
    } as pg.QueryConfig);
  });
}

/** PostgreSQL's SQLSTATE for a table that does not exist. */
const UNDEFINED_TABLE = "42P01";

/** Table LangChain's PGVectorStore keeps the chunk embeddings in. */
export const EMBEDDINGS_TABLE = "chunk_embeddings";

interface SnapshotRow {
  readonly id: string;
  readonly inputs_key: string;
  readonly code_version: string;
  readonly plan_set: [string, string][];
  readonly manifest: unknown;
  readonly model: Buffer;
  readonly embedder_state: string;
  readonly hnsw: Buffer | null;
}

/**
 * The PostgreSQL store (DATABASE_URL). Plan rows keep each plan's text, parsed model, period and
 * place; chunks (full text over jieba tokens), indicators and facts are rows too; the serving state
 * (persisted model + vector graph) is a snapshot row that `serving` points to. Ingest writes each
 * plan in its own transaction and switches `serving` in one final transaction, both under an
 * advisory lock, so a killed ingest leaves the previous snapshot serving and readers never see half
 * a plan. An unchanged set of files (same hashes, same code) is a no-op.
 */
export function createPostgresStore(options: PostgresStoreOptions): PlanStore & { readonly database: Database } {
  const { database } = options;
  const limits = options.convertLimits ?? {};
  const seedsKey = async () => (options.seedsDir ? inputsKey(await scanSeeds(options.seedsDir, { limits }), codeVersion(), limits) : null);

  const servingSnapshot = async (): Promise<SnapshotRow | null> => {
    const result = await database.query<SnapshotRow>("SELECT s.id, s.inputs_key, s.code_version, s.plan_set, s.manifest, s.model, s.embedder_state, s.hnsw FROM serving JOIN snapshots s ON s.id = serving.snapshot_id");
    return result.rows[0] ?? null;
  };

  const loadModel = async (): Promise<LoadModelResult> => {
    const row = await servingSnapshot();
    if (!row) return { kind: "missing" };
    if (row.code_version !== codeVersion()) return { kind: "stale", reason: "the snapshot was built by other code" };
    const key = await seedsKey();
    if (key !== null && row.inputs_key !== key) return { kind: "stale", reason: "seed files changed" };
    const manifest = manifestSchema.safeParse(row.manifest);
    if (!manifest.success) return { kind: "corrupt", reason: "snapshot manifest invalid" };
    let snapshot;
    try {
      snapshot = decodeSnapshot(row.model);
    } catch (error) {
      return { kind: "corrupt", reason: `cannot read the model: ${(error as Error).message}` };
    }
    const openVectors: OpenVectors = async (embedder) => {
      const state = JSON.parse(row.embedder_state) as unknown;
      if (state !== null) embedder.restore?.(state);
      const HierarchicalNSW = row.hnsw ? (await HNSWLib.imports()).HierarchicalNSW : null;
      const graph = row.hnsw;
      // hnswlib reads its graph from a file: a local copy, written and read on first use.
      const directory = join(options.cacheDir, "postgres-graphs");
      return () =>
        vectorStoreOver(embedder, manifest.data.embedder.dimension, snapshot.chunks, HierarchicalNSW, (index) => {
          mkdirSync(directory, { recursive: true });
          const path = join(directory, `snapshot-${row.id}-${process.pid}.index`);
          writeFileSync(path, graph!);
          try {
            index.readIndexSync(path);
          } finally {
            rmSync(path, { force: true });
          }
        });
    };
    return { kind: "loaded", model: { manifest: manifest.data, snapshot, directory: `postgres:${database.label}#snapshot-${row.id}`, openVectors } };
  };

  /** Ingest mode: reads the files and writes each changed plan in its own transaction. */
  const ingestSeeds = async (seedsDir: string): Promise<PlanSource> => {
    const source = await readSeeds(seedsDir, { limits });
    const code = codeVersion();
    for (const plan of source.plans) {
      const seed = source.seeds.find((candidate) => candidate.doc === plan.doc)!;
      await database.transaction(async (client) => {
        const existing = await client.query("SELECT code_version FROM plans WHERE doc = $1 AND seed_sha256 = $2", [seed.doc, seed.sha256]);
        // Same file, same code: nothing to write.
        if (existing.rows[0]?.code_version === code) return;
        await client.query("DELETE FROM plans WHERE doc = $1 AND seed_sha256 = $2", [seed.doc, seed.sha256]);
        const { metadata } = plan;
        await client.query(
          "INSERT INTO plans (doc, seed_sha256, file, bytes, source_text, model, title, place, period_from, period_to, warnings, code_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
          [seed.doc, seed.sha256, seed.file, seed.bytes, source.texts.get(plan.doc) ?? "", JSON.stringify(plan), metadata.title, metadata.place, metadata.period?.from ?? null, metadata.period?.to ?? null, JSON.stringify(plan.warnings), code],
        );
      }, { lock: LOCKS.ingest });
    }
    return source;
  };

  /** Serving mode: the plans of the serving snapshot (or every plan row), parsed again from their text. */
  const plansFromDatabase = async (): Promise<PlanSource> => {
    const row = await servingSnapshot();
    const rows = (await database.query<{ doc: string; seed_sha256: string; file: string; bytes: number; source_text: string; warnings: string[]; metadata: PlanMetadata | null }>("SELECT doc, seed_sha256, file, bytes, source_text, warnings, model->'metadata' AS metadata FROM plans ORDER BY doc, ingested_at DESC")).rows;
    const servingPlans = (await database.query<{ doc: string; seed_sha256: string }>("SELECT cp.doc, cp.seed_sha256 FROM serving_catalog s JOIN catalog_plans cp ON cp.catalog_id = s.catalog_id ORDER BY cp.position")).rows;
    const wanted = servingPlans.length > 0 ? new Set(servingPlans.map((plan) => `${plan.doc}\u0000${plan.seed_sha256}`)) : row ? new Set(row.plan_set.map(([doc, sha]) => `${doc}\u0000${sha}`)) : null;
    const chosen = new Map<string, (typeof rows)[number]>();
    for (const candidate of rows) {
      if (wanted ? wanted.has(`${candidate.doc}\u0000${candidate.seed_sha256}`) : !chosen.has(candidate.doc)) chosen.set(candidate.doc, candidate);
    }
    const plans: Plan[] = [];
    const seeds: SeedInfo[] = [];
    for (const candidate of chosen.values()) {
      // The metadata as ingested: it may hold what the plan's sidecar said and the text does not.
      const parsed = parsePlan(candidate.doc, candidate.source_text);
      plans.push(candidate.metadata ? { ...parsed, metadata: candidate.metadata } : parsed);
      seeds.push({ doc: candidate.doc, file: candidate.file, sha256: candidate.seed_sha256, bytes: candidate.bytes });
    }
    return { plans, seeds, skipped: [], warnings: [], texts: new Map() } as PlanSource;
  };

  const publish = async (input: PublishInput) => {
    const { knowledge, dictionary, skipped, warnings, currentYear, deriveEngine, ...build } = input;
    const key = (await seedsKey()) ?? inputsKey(build.seeds.map((seed) => ({ file: seed.file, sha256: seed.sha256 })), codeVersion(), limits);
    await mkdir(options.cacheDir, { recursive: true });
    const staging = await mkdtemp(join(options.cacheDir, "postgres-build-"));
    try {
      const built = await buildIndex({ ...build, root: staging, model: { inputsKey: key, knowledge, dictionary, skipped, warnings, currentYear, deriveEngine } });
      const files = async (name: string) => readFile(join(built.directory, name)).catch(() => null);
      const model = (await files("model.v8"))!;
      const embedderState = (await files("embedder.json"))?.toString("utf8") ?? "null";
      const hnsw = await files("hnsw/hnswlib.index");
      const planSet = build.seeds.map((seed) => [seed.doc, seed.sha256]);
      const snapshotId = await database.transaction(async (client) => {
        // Rows readers query by plan: rewritten with the tokens of this build's segmenter.
        for (const seed of build.seeds) {
          await client.query("DELETE FROM chunks WHERE doc = $1 AND seed_sha256 = $2", [seed.doc, seed.sha256]);
          await client.query("DELETE FROM indicators WHERE doc = $1 AND seed_sha256 = $2", [seed.doc, seed.sha256]);
          await client.query("DELETE FROM facts WHERE doc = $1 AND seed_sha256 = $2", [seed.doc, seed.sha256]);
        }
        const shaOf = new Map(build.seeds.map((seed) => [seed.doc, seed.sha256]));
        await insertRows(client, "chunks", ["doc", "seed_sha256", "position", "chunk_id", "paragraph_id", "text", "tokens", "location"], built.chunks.map((chunk, position) => [chunk.doc, shaOf.get(chunk.doc), position, chunk.id, chunk.paragraphId, chunk.text, contentTokens(build.segmenter.cut(chunkSearchText(chunk))).join(" "), JSON.stringify(chunk.location)]));
        await insertRows(client, "indicators", ["doc", "seed_sha256", "indicator_id", "category", "name", "unit", "indicator"], dedupeBy(knowledge.indicators, (indicator) => `${indicator.doc}\u0000${indicator.id}`).map((indicator) => [indicator.doc, shaOf.get(indicator.doc), indicator.id, indicator.category, indicator.name, indicator.unit, JSON.stringify(indicator)]));
        await insertRows(client, "facts", ["doc", "seed_sha256", "fact_id", "subject", "value_text", "fact"], dedupeBy(knowledge.facts, (fact) => `${fact.doc}\u0000${fact.id}`).map((fact) => [fact.doc, shaOf.get(fact.doc), fact.id, fact.subject, fact.valueText, JSON.stringify(fact)]));
        const inserted = await client.query<{ id: string }>(
          "INSERT INTO snapshots (inputs_key, code_version, plan_set, manifest, model, embedder_state, hnsw) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          [key, codeVersion(), JSON.stringify(planSet), JSON.stringify(built.manifest), model, embedderState, hnsw],
        );
        const id = inserted.rows[0]!.id;
        await client.query("INSERT INTO serving (singleton, snapshot_id) VALUES (true, $1) ON CONFLICT (singleton) DO UPDATE SET snapshot_id = EXCLUDED.snapshot_id", [id]);
        // Older snapshots and plan versions no snapshot serves are no longer needed.
        await client.query("DELETE FROM snapshots WHERE id <> $1", [id]);
        await client.query("DELETE FROM plans p WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements($1::jsonb) AS kept WHERE kept->>0 = p.doc AND kept->>1 = p.seed_sha256)", [JSON.stringify(planSet)]);
        return id;
      }, { lock: LOCKS.ingest });
      if (options.storeEmbeddings ?? true) await storeEmbeddings(database, build.embedder, built.chunks.map(chunkSearchText), built.manifest.embedder.dimension, snapshotId, built.chunks.map((chunk) => ({ doc: chunk.doc, chunk: chunk.id })));
      return { ...built, directory: `postgres:${database.label}#snapshot-${snapshotId}`, engine: built.engine ? { ...built.engine, index: { ...built, directory: `postgres:${database.label}#snapshot-${snapshotId}` } } : null };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  };

  let vectorStore: PGVectorStore | null = null;
  // PGVectorStore wants an Embeddings object; the vectors are given, so none is computed.
  const embedderOf = (_part: PlanPart) => ({ embedDocuments: async () => [], embedQuery: async () => [] }) as unknown as ConstructorParameters<typeof PGVectorStore>[0];
  const catalog: CatalogBackend = {
    label: `postgres:${database.label}`,
    seedsInputsKey: seedsKey,
    readServing: () => readServingCatalog(database),
    hasPart: (seed, buildKey) => hasPlanPart(database, seed.doc, seed.sha256, buildKey),
    async writePart(part, buildKey, segmenter) {
      await writePlanPart(database, part, buildKey, segmenter);
      if (!(options.storeEmbeddings ?? true) || part.chunks.length === 0) return;
      // The same vectors as rows of LangChain's PGVectorStore (pgvector, HNSW), for SQL-side vector search.
      try {
        vectorStore ??= await PGVectorStore.initialize(embedderOf(part), { pool: database.pool, tableName: EMBEDDINGS_TABLE, dimensions: part.dimension, distanceStrategy: "cosine" });
        await database.query(`DELETE FROM ${EMBEDDINGS_TABLE} WHERE metadata->>'doc' = $1 AND metadata->>'sha256' = $2 AND metadata->>'build' = $3`, [part.seed.doc, part.seed.sha256, buildKey]);
        const vectors = part.chunks.map((_chunk, position) => Array.from(part.vectors.subarray(position * part.dimension, (position + 1) * part.dimension)));
        await vectorStore.addVectors(vectors, part.chunks.map((chunk) => new Document({ pageContent: chunkSearchText(chunk), metadata: { doc: chunk.doc, chunk: chunk.id, sha256: part.seed.sha256, build: buildKey } })));
      } catch (error) {
        // The store's pooled client goes back to the pool, or closing the pool would wait for it.
        vectorStore?.client?.release();
        vectorStore = null;
        throw error;
      }
    },
    async publish(input) {
      try {
        if (vectorStore) await buildEmbeddingIndex(database, input.embedder.dimension, options.indexBuildMemory ?? DEFAULT_INDEX_BUILD_MEMORY);
      } finally {
        // The store holds one pooled client for its life: give it back (the pool itself stays open).
        vectorStore?.client?.release();
        vectorStore = null;
      }
      const id = await publishCatalog(database, input);
      // Embeddings of builds no catalog serves; the table is absent when embeddings were never stored.
      await database.query(`DELETE FROM ${EMBEDDINGS_TABLE} WHERE NOT (metadata ? 'build') OR metadata->>'build' NOT IN (SELECT build_key FROM catalogs)`).catch((error: unknown) => {
        if ((error as { code?: string }).code !== UNDEFINED_TABLE) throw error;
      });
      return id;
    },
    readParts: (buildKey, dimension, seeds) => readPlanParts(database, buildKey, dimension, seeds),
    rankPlans: (catalogId, terms, limit, within) => rankPlansByText(database, catalogId, terms, limit, within),
  };

  return {
    kind: "postgres",
    database,
    catalog,
    cacheDir: options.cacheDir,
    loadModel,
    readPlans: () => (options.seedsDir ? ingestSeeds(options.seedsDir) : plansFromDatabase()),
    publish,
    async health() {
      try {
        const result = await database.query<{ version: string }>("SELECT current_setting('server_version') AS version");
        return { kind: "postgres", ok: true, detail: `PostgreSQL ${result.rows[0]?.version ?? "?"} at ${database.label}` };
      } catch (error) {
        return { kind: "postgres", ok: false, detail: `PostgreSQL at ${database.label} unreachable: ${(error as Error).message}` };
      }
    },
    close: () => database.close(),
  };
}

/** The database behind a PostgreSQL store (for the channel state on the same pool); null for any other store. */
export function databaseOf(store: PlanStore): Database | null {
  return store.kind === "postgres" && "database" in store ? (store as PlanStore & { readonly database: Database }).database : null;
}

function dedupeBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}


/**
 * Writes the chunk embeddings through LangChain's PGVectorStore (pgvector, HNSW index, cosine),
 * tagged with the snapshot; embeddings of older snapshots are removed afterwards.
 */
async function storeEmbeddings(database: Database, embedder: Embedder, texts: readonly string[], dimensions: number, snapshotId: string, metadata: readonly { doc: string; chunk: string }[]): Promise<void> {
  const store = await PGVectorStore.initialize(embedder.embeddings, { pool: database.pool, tableName: EMBEDDINGS_TABLE, dimensions, distanceStrategy: "cosine" });
  try {
    await store.createHnswIndex({ dimensions, namespace: EMBEDDINGS_TABLE });
    const vectors = await embedder.embeddings.embedDocuments([...texts]);
    await store.addVectors(vectors, texts.map((text, position) => new Document({ pageContent: text, metadata: { ...metadata[position], snapshot: snapshotId } })));
    await database.query(`DELETE FROM ${EMBEDDINGS_TABLE} WHERE metadata->>'snapshot' <> $1`, [snapshotId]);
  } finally {
    // The store holds one pooled client for its life: give it back (the pool itself stays open).
    store.client?.release();
  }
}
