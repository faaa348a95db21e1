import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCorpus, type GeneratedDocument } from "../../bench/generate-corpus.js";
import { districtQuestions } from "../../bench/growth-questions.js";
import { createAssistant } from "../../src/app/create-assistant.js";
import type { CatalogAssistant } from "../../src/app/create-catalog-assistant.js";
import { createDatabase, type Database } from "../../src/postgres/database.js";
import { migrate } from "../../src/postgres/migrate.js";
import { rankPlansByText } from "../../src/postgres/postgres-catalog.js";
import { createPostgresStore } from "../../src/postgres/postgres-store.js";
import { SEED_FILE } from "../support/real-assistant.js";
import { startPglite, type RunningPglite } from "../support/pglite-server.js";

// Four generated district plans, served with room for two per question and two in memory.
describe("PostgreSQL plans on demand: catalog, full-text plan choice, bounded parts", () => {
  let server: RunningPglite;
  let database: Database;
  let documents: GeneratedDocument[];
  let served: CatalogAssistant;

  beforeAll(async () => {
    server = await startPglite();
    database = createDatabase({ url: server.url, poolSize: 3 });
    await migrate(database);
    const seedsDir = mkdtempSync(join(tmpdir(), "plan-seeds-"));
    documents = generateCorpus(readFileSync(SEED_FILE, "utf8"), 4);
    for (const document of documents) writeFileSync(join(seedsDir, document.file), document.text);
    const ingestDir = mkdtempSync(join(tmpdir(), "plan-pg-cache-"));
    await createAssistant({ seedsDir, indexDir: ingestDir, store: createPostgresStore({ database, cacheDir: ingestDir, seedsDir, storeEmbeddings: false }) });
    const serveDir = mkdtempSync(join(tmpdir(), "plan-pg-cache-"));
    served = (await createAssistant({ seedsDir: join(serveDir, "none"), indexDir: serveDir, store: createPostgresStore({ database, cacheDir: serveDir }), rebuild: "never", planCacheSize: 2, plansPerQuestion: 2 })) as CatalogAssistant;
  });

  afterAll(async () => {
    await database?.close();
    await server?.stop();
  });

  it("starts from the catalog: every plan's metadata, no plan content, at most the first plans' parts read", () => {
    expect(served.onDemand.plans).toBe(4);
    expect(served.plans.map((plan) => plan.metadata.district)).toEqual(documents.map((document) => document.district));
    expect(served.plans.every((plan) => plan.paragraphs.length === 0)).toBe(true);
    expect(served.onDemand.partsRead).toBe(2);
  });

  it("ranks plans by full text in SQL (one tsvector per plan, ts_rank), limited and within a set", async () => {
    const catalogId = served.onDemand.catalogId;
    // A district's name occurs in its own plan's text only.
    const third = documents[2]!;
    expect(await rankPlansByText(database, catalogId, [third.district], 2)).toEqual([third.doc]);
    expect(await rankPlansByText(database, catalogId, ["教育"], 3)).toHaveLength(3);
    expect(await rankPlansByText(database, catalogId, ["教育"], 4, [documents[1]!.doc])).toEqual([documents[1]!.doc]);
    expect(await rankPlansByText(database, catalogId, ["'; DROP TABLE chunks; --"], 4)).toEqual([]);
    expect(await rankPlansByText(database, catalogId, ["从未出现的词语"], 4)).toEqual([]);
  });

  it("answers a question naming a district over that plan alone, with that plan's figure", async () => {
    for (const question of districtQuestions(documents)) {
      const answer = await served.answer(question.question);
      expect(served.onDemand.lastChosen, question.question).toEqual([question.doc]);
      expect(answer.citations[0]?.doc, question.question).toBe(question.doc);
      expect(answer.answer, question.question).toContain(question.expected);
    }
  });

  it("answers a question naming no plan over the best plans by full text, at most PLANS_PER_QUESTION", async () => {
    const answer = await served.answer("智慧校园建设有哪些项目？");
    expect(served.onDemand.lastChosen.length).toBe(2);
    expect(answer.found).toBe(true);
    // A follow-up that names no district stays with the district its conversation named.
    await served.answer("那小学有多少所？", [`${documents[3]!.district}2025年学前三年毛入园率是多少？`]);
    expect(served.onDemand.lastChosen).toEqual([documents[3]!.doc]);
  });

  it("keeps no more parts in memory than PLAN_CACHE_SIZE, reading evicted ones again", async () => {
    for (const document of [...documents, ...documents]) {
      await served.answer(`${document.district}有多少所小学？`);
      expect(served.onDemand.cachedPlans().length).toBeLessThanOrEqual(2);
    }
    // Four plans through a cache of two: some were read more than once.
    expect(served.onDemand.partsRead).toBeGreaterThan(4);
  });
});
