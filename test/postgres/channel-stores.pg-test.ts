import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJsonlFeedbackStore, type FeedbackRecord, readFeedbackFile } from "../../src/channel/feedback-store.js";
import { createDatabase, type Database } from "../../src/postgres/database.js";
import { createPostgresConversationHistory, createPostgresDeduper, createPostgresFeedbackStore } from "../../src/postgres/channel-stores.js";
import { migrate } from "../../src/postgres/migrate.js";
import { startPglite, type RunningPglite } from "../support/pglite-server.js";

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function feedback(question: string): FeedbackRecord {
  return { recorded_at: new Date().toISOString(), kind: "helpful", source: "button", question, answer: "答", found: true, intent: "indicator", citations: [], user: "U1", channel: "C1", answer_key: null };
}

describe("channel state in PostgreSQL, shared by two replicas (two pools on one PGlite)", () => {
  let server: RunningPglite;
  let replicaA: Database;
  let replicaB: Database;
  let now = Date.parse("2025-03-01T09:00:00Z");
  const clock = { now: () => now };

  beforeAll(async () => {
    server = await startPglite();
    replicaA = createDatabase({ url: server.url, poolSize: 2 });
    replicaB = createDatabase({ url: server.url, poolSize: 2 });
    await migrate(replicaA);
  });

  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await server?.stop();
  });

  it("claims an event id once across replicas, also when both claim at the same moment, and again after the time-to-live", async () => {
    const onA = createPostgresDeduper(replicaA, { clock, ttlMs: 60_000 });
    const onB = createPostgresDeduper(replicaB, { clock, ttlMs: 60_000 });
    expect(await onA.claim("event:Ev1")).toBe(true);
    expect(await onB.claim("event:Ev1")).toBe(false);
    const race = await Promise.all([onA.claim("event:Ev2"), onB.claim("event:Ev2"), onA.claim("event:Ev2"), onB.claim("event:Ev2")]);
    expect(race.filter(Boolean)).toHaveLength(1);
    now += 60_001;
    expect(await onB.claim("event:Ev1")).toBe(true);
    expect(await onA.claim("event:Ev1")).toBe(false);
  });

  it("keeps a conversation's questions for every replica, oldest first, within the window and the limit", async () => {
    const onA = createPostgresConversationHistory(replicaA, { clock, windowMs: 60_000, limit: 2 });
    const onB = createPostgresConversationHistory(replicaB, { clock, windowMs: 60_000, limit: 2 });
    await onA.add("dingtalk:c1:direct", "一");
    now += 1_000;
    await onB.add("dingtalk:c1:direct", "二");
    await onB.add("dingtalk:c2:direct", "别处");
    expect(await onA.questions("dingtalk:c1:direct")).toEqual(["一", "二"]);
    now += 1_000;
    await onA.add("dingtalk:c1:direct", "三");
    expect(await onB.questions("dingtalk:c1:direct")).toEqual(["二", "三"]);
    now += 60_000;
    expect(await onB.questions("dingtalk:c1:direct")).toEqual([]);
  });

  it("writes feedback rows", async () => {
    const store = createPostgresFeedbackStore(replicaB, { fallback: createJsonlFeedbackStore(join(mkdtempSync(join(tmpdir(), "feedback-")), "f.jsonl")), logger: silent });
    await store.append(feedback("入园率是多少"));
    await store.close();
    const rows = await replicaA.query<{ record: FeedbackRecord }>("SELECT record FROM feedback WHERE record->>'question' = '入园率是多少'");
    expect(rows.rows.map((row) => row.record.kind)).toEqual(["helpful"]);
  });

  it("sets the statement timeout on every pooled connection, and a statement that outlasts it fails its caller", async () => {
    const strict = createDatabase({ url: server.url, poolSize: 2, statementTimeoutMs: 300 });
    try {
      const settings = await Promise.all([strict.query<{ statement_timeout: string }>("SHOW statement_timeout"), strict.query<{ statement_timeout: string }>("SHOW statement_timeout")]);
      expect(settings.map((result) => result.rows[0]?.statement_timeout)).toEqual(["300ms", "300ms"]);
      // PostgreSQL cancels it at 300 ms (57014). PGlite runs without timers and in this test's own
      // thread, so the statement ends after its 2 s and the client's read timeout fails it then.
      await expect(strict.query("SELECT pg_sleep(2)")).rejects.toThrow(/statement timeout|Query read timeout/);
      expect((await strict.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await strict.close();
    }
  });
});

describe("feedback while the database is down", () => {
  it("buffers records, writes them in order after the restart, and hands what is left at shutdown to the feedback file", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "pglite-data-"));
    let server = await startPglite({ dataDir });
    const port = server.port;
    const database = createDatabase({ url: server.url, poolSize: 2, connectTimeoutMs: 500 });
    const file = join(mkdtempSync(join(tmpdir(), "feedback-")), "feedback.jsonl");
    try {
      await migrate(database);
      const store = createPostgresFeedbackStore(database, { fallback: createJsonlFeedbackStore(file), logger: silent, retryAfterMs: 100, retryMaxMs: 300 });
      await store.append(feedback("停机前"));
      await server.stop();
      await store.append(feedback("停机中1"));
      await store.append(feedback("停机中2"));
      expect(store.pending).toBe(2);
      server = await startPglite({ dataDir, port });
      // The background retry writes them once the database is back.
      for (let waited = 0; store.pending > 0 && waited < 15_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(store.pending).toBe(0);
      const rows = await database.query<{ question: string }>("SELECT record->>'question' AS question FROM feedback ORDER BY id");
      expect(rows.rows.map((row) => row.question)).toEqual(["停机前", "停机中1", "停机中2"]);

      await server.stop();
      await store.append(feedback("关机前未写入"));
      await store.close();
      expect((await readFeedbackFile(file)).records.map((record) => record.question)).toEqual(["关机前未写入"]);
    } finally {
      await database.close();
      await server.stop().catch(() => undefined);
    }
  });
});
