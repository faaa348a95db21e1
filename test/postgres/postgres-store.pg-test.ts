import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEvalItems } from "../../bench/eval-questions.js";
import { createAssistant, type LoadedAssistant } from "../../src/app/create-assistant.js";
import { createDatabase, type Database } from "../../src/postgres/database.js";
import { migrate } from "../../src/postgres/migrate.js";
import { createPostgresStore } from "../../src/postgres/postgres-store.js";
import { describePlanStoreContract } from "../../src/store/plan-store.contract.js";
import { SEED_FILE } from "../support/real-assistant.js";
import { startPglite, type RunningPglite } from "../support/pglite-server.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** A fresh database (its own PGlite) with the schema applied. */
async function freshDatabase(): Promise<{ server: RunningPglite; database: Database; open: () => Database }> {
  const server = await startPglite();
  const open = () => createDatabase({ url: server.url, poolSize: 3 });
  const database = open();
  await migrate(database);
  return { server, database, open };
}

describePlanStoreContract("PostgreSQL (PGlite over a socket)", async (seedsDir) => {
  const { server, database, open } = await freshDatabase();
  const cacheDir = mkdtempSync(join(tmpdir(), "plan-pg-cache-"));
  const reopened: Database[] = [];
  return {
    // The writer reads the seed files (npm run ingest); replicas read the database only.
    store: createPostgresStore({ database, cacheDir, seedsDir }),
    reopen: async () => {
      const replica = open();
      reopened.push(replica);
      return createPostgresStore({ database: replica, cacheDir: mkdtempSync(join(tmpdir(), "plan-pg-replica-")) });
    },
    dispose: async () => {
      for (const replica of reopened) await replica.close();
      await database.close();
      await server.stop();
    },
  };
});

describe("PostgreSQL store against the embedded store", () => {
  let server: RunningPglite;
  let database: Database;
  let embedded: LoadedAssistant;
  let served: LoadedAssistant;
  let seedsDir: string;

  beforeAll(async () => {
    ({ server, database } = await freshDatabase());
    seedsDir = mkdtempSync(join(tmpdir(), "plan-seeds-"));
    copyFileSync(SEED_FILE, join(seedsDir, "liangping-education-plan-2021-2025.txt"));
    embedded = await createAssistant({ seedsDir, indexDir: mkdtempSync(join(tmpdir(), "plan-index-")) });
    const ingestDir = mkdtempSync(join(tmpdir(), "plan-pg-cache-"));
    await createAssistant({ seedsDir, indexDir: ingestDir, store: createPostgresStore({ database, cacheDir: ingestDir, seedsDir }) });
    const serveDir = mkdtempSync(join(tmpdir(), "plan-pg-cache-"));
    served = await createAssistant({ seedsDir: join(serveDir, "no-seeds-here"), indexDir: serveDir, store: createPostgresStore({ database, cacheDir: serveDir }), rebuild: "never" });
  });

  afterAll(async () => {
    await database?.close();
    await server?.stop();
  });

  it("answers every question of the project's sets exactly as the embedded store does", async () => {
    const files = ["test/eval/own-questions.jsonl", "test/eval/held-out-questions.jsonl", "test/eval/held-out-2-questions.jsonl", "test/eval/held-out-3-questions.jsonl", "test/fixtures/eval/public.jsonl"].map((file) => join(ROOT, file));
    const items = await readEvalItems(files);
    expect(items.length).toBeGreaterThan(100);
    for (const item of items) {
      expect(await served.answer(item.question, item.history ?? []), item.question).toEqual(await embedded.answer(item.question, item.history ?? []));
    }
  });

  it("keeps chunks searchable in SQL: full text over jieba tokens (ts_rank_cd), vectors in pgvector, indicators and facts by plan", async () => {
    const lexical = await database.query<{ doc: string; text: string }>("SELECT doc, text FROM chunks, plainto_tsquery('simple', '入园率') AS query WHERE search @@ query ORDER BY ts_rank_cd(search, query) DESC LIMIT 3");
    expect(lexical.rows.length).toBeGreaterThan(0);
    expect(lexical.rows[0]!.text).toContain("入园率");
    const vectors = await database.query<{ count: string }>("SELECT count(*) FROM chunk_embeddings");
    expect(Number(vectors.rows[0]!.count)).toBe(served.index.chunks.length);
    const indicator = await database.query<{ indicator: { values: { year: string; raw: string }[] } }>("SELECT indicator FROM indicators WHERE doc = $1 AND name = $2", ["liangping-education-plan-2021-2025", "学前三年毛入园率"]);
    expect(indicator.rows[0]!.indicator.values.some((value) => value.raw.includes("94.0"))).toBe(true);
    const plan = await database.query<{ place: string; period_from: number; period_to: number }>("SELECT place, period_from, period_to FROM plans");
    expect(plan.rows[0]).toMatchObject({ place: expect.stringContaining("梁平"), period_from: 2021, period_to: 2025 });
  });

  it("re-ingesting unchanged seeds is a no-op (same snapshot, no plan written)", async () => {
    const before = await database.query<{ id: string }>("SELECT catalog_id AS id FROM serving_catalog");
    const planRowsBefore = await database.query<{ ingested_at: Date }>("SELECT ingested_at FROM plans");
    const ingestDir = mkdtempSync(join(tmpdir(), "plan-pg-cache-"));
    const again = await createAssistant({ seedsDir, indexDir: ingestDir, store: createPostgresStore({ database, cacheDir: ingestDir, seedsDir }) });
    expect(again.indexStatus).toBe("loaded");
    expect((await database.query<{ id: string }>("SELECT catalog_id AS id FROM serving_catalog")).rows).toEqual(before.rows);
    expect((await database.query("SELECT ingested_at FROM plans")).rows).toEqual(planRowsBefore.rows);
  });

  it("the bundled CLI (as `npm run ask` and `npm start` run, under Node's own ESM loader) answers from the database", async () => {
    const child = spawn(process.execPath, [join(ROOT, "scripts", "run.mjs"), "src/cli/ask.ts", "--json", "2025年学前三年毛入园率目标是多少？"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: server.url, INDEX_DIR: mkdtempSync(join(tmpdir(), "plan-pg-cache-")), LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, stderr).toBe(0);
    const answer = JSON.parse(stdout.trim().split("\n").filter((line) => line.startsWith("{")).at(-1)!) as { answer: string; citations: { table: string | null }[] };
    expect(answer.answer).toContain("94.0%");
    expect(answer.citations[0]!.table).toContain("指标");
  }, 120_000);

  it("an ingest killed midway (a real process, SIGKILL) leaves the previous version serving, answers unchanged", async () => {
    const grownSeeds = mkdtempSync(join(tmpdir(), "plan-seeds-"));
    copyFileSync(SEED_FILE, join(grownSeeds, "liangping-education-plan-2021-2025.txt"));
    copyFileSync(join(ROOT, "test", "fixtures", "second-plan.txt"), join(grownSeeds, "second-plan.txt"));
    const servingBefore = (await database.query<{ id: string }>("SELECT catalog_id AS id FROM serving_catalog")).rows[0]!.id;
    const child = spawn(process.execPath, [join(ROOT, "scripts", "run.mjs"), "src/cli/ingest.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: server.url, SEEDS_DIR: grownSeeds, INDEX_DIR: mkdtempSync(join(tmpdir(), "plan-pg-cache-")), LOG_LEVEL: "warn" },
      stdio: "ignore",
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    // Killed once the new plan's own transaction has committed, before the snapshot switch.
    const deadline = Date.now() + 120_000;
    while ((await database.query("SELECT 1 FROM plans WHERE doc = 'second-plan'")).rowCount !== 1) {
      if (Date.now() > deadline) throw new Error("the ingest never wrote the new plan");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGKILL");
    await exited;
    expect((await database.query<{ id: string }>("SELECT catalog_id AS id FROM serving_catalog")).rows[0]!.id).toBe(servingBefore);
    const serveDir = mkdtempSync(join(tmpdir(), "plan-pg-cache-"));
    const replica = await createAssistant({ seedsDir: join(serveDir, "none"), indexDir: serveDir, store: createPostgresStore({ database, cacheDir: serveDir }), rebuild: "never" });
    expect(replica.plans.map((plan) => plan.doc)).toEqual(["liangping-education-plan-2021-2025"]);
    for (const question of ["2025年学前三年毛入园率目标是多少？", "谁负责规划的中期和终期评估？"]) expect(await replica.answer(question)).toEqual(await embedded.answer(question));
  });
});
