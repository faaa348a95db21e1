/**
 * Child-process side of the benchmark (see worker-protocol.ts): one job per process, so that
 * index load time and peak RSS are measured from a fresh start. Logs go to stderr.
 */
import { readFile, writeFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { currentRssMegabytes, directoryBytes, peakRssMegabytes, percentile } from "./measure.js";
import type { BenchStore, CheckedAnswer, IngestJob, IngestResult, ServeJob, ServeResult, WorkerJob } from "./worker-protocol.js";

const { createAssistant } = await import("../src/app/create-assistant.js");
const { openStore } = await import("../src/app/create-runtime.js");
const { loadConfig } = await import("../src/config/load-config.js");
const { silentLogger } = await import("../src/app/logger.js");
const { databaseOf } = await import("../src/postgres/postgres-store.js");
// Since the process started: Node itself, scripts/run.mjs bundling the code, loading the packages.
const startupMilliseconds = performance.now();

/**
 * The store as `npm start` opens it (openStore): PostgreSQL through DATABASE_URL with the
 * ordinary pg client, or the index files. Ingest reads the seed files into it; serving does not.
 */
function storeFor(job: { readonly seedsDir: string; readonly indexDir: string; readonly store?: BenchStore }, ingest: boolean) {
  const env = { SEEDS_DIR: job.seedsDir, INDEX_DIR: job.indexDir, ...(job.store?.kind === "postgres" ? { DATABASE_URL: job.store.databaseUrl, DATABASE_STATEMENT_TIMEOUT_MS: ingest ? "900000" : "120000" } : {}) };
  return openStore(loadConfig(env), silentLogger, ingest ? { seedsDir: job.seedsDir } : {});
}

async function ingest(job: IngestJob): Promise<IngestResult> {
  const start = performance.now();
  const store = await storeFor(job, true);
  const assistant = await createAssistant({ seedsDir: job.seedsDir, indexDir: job.indexDir, store, rebuild: "always" });
  const ingestMilliseconds = performance.now() - start;
  const database = databaseOf(store);
  const indexBytes = database ? Number((await database.query<{ size: string }>("SELECT pg_database_size(current_database()) AS size")).rows[0]!.size) : await directoryBytes(job.indexDir);
  await store.close();
  return {
    startup_ms: startupMilliseconds,
    ingest_ms: ingestMilliseconds,
    rss_mb: peakRssMegabytes(),
    index_bytes: indexBytes,
    chunks: assistant.index.chunks.length,
    docs: assistant.plans.length,
  };
}

async function serve(job: ServeJob): Promise<ServeResult> {
  const loadStart = performance.now();
  const store = await storeFor(job, false);
  const assistant = await createAssistant({ seedsDir: job.seedsDir, indexDir: job.indexDir, store, rebuild: "never" });
  const loadMilliseconds = performance.now() - loadStart;
  const rssAfterLoad = currentRssMegabytes();

  for (const item of job.timed) await assistant.answer(item.question, item.history ?? []);
  const latencies: number[] = [];
  const measuredStart = performance.now();
  do {
    for (const item of job.timed) {
      const start = performance.now();
      await assistant.answer(item.question, item.history ?? []);
      latencies.push(performance.now() - start);
    }
  } while (latencies.length < job.minSamples && performance.now() - measuredStart < job.maxSeconds * 1000);
  const measuredMilliseconds = performance.now() - measuredStart;

  const checkedStart = performance.now();
  const checked: CheckedAnswer[] = [];
  for (const item of job.checked) {
    const answer = await assistant.answer(item.question, item.history ?? []);
    checked.push({ found: answer.found, answer: answer.answer, citations: answer.citations.map((citation) => ({ doc: citation.doc })) });
  }
  const checkedMilliseconds = performance.now() - checkedStart;
  await store.close();

  const sorted = [...latencies].sort((left, right) => left - right);
  return {
    startup_ms: startupMilliseconds,
    load_ms: loadMilliseconds,
    rss_after_load_mb: rssAfterLoad,
    p50_ms: percentile(sorted, 50),
    p95_ms: percentile(sorted, 95),
    p99_ms: percentile(sorted, 99),
    qps: latencies.length / (measuredMilliseconds / 1000),
    samples: latencies.length,
    checked_ms: checkedMilliseconds,
    rss_mb: peakRssMegabytes(),
    checked,
  };
}

const jobPath = process.argv[2];
if (!jobPath) throw new Error("usage: worker.ts JOB.json (started by bench/run.ts)");
const job = JSON.parse(await readFile(jobPath, "utf8")) as WorkerJob & { output: string };
const result = job.kind === "ingest" ? await ingest(job) : await serve(job);
await writeFile(job.output, JSON.stringify(result));
