import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A question as the bot takes it. */
export interface WorkerQuestion {
  readonly question: string;
  readonly history?: readonly string[];
}

/** Where the bot keeps plans, index and model: index files, or PostgreSQL at `databaseUrl` (as DATABASE_URL). */
export type BenchStore = { readonly kind: "embedded" } | { readonly kind: "postgres"; readonly databaseUrl: string };

/** Builds the index from scratch in a fresh process. */
export interface IngestJob {
  readonly kind: "ingest";
  readonly seedsDir: string;
  readonly indexDir: string;
  /** Default: index files. */
  readonly store?: BenchStore;
}

/** Loads the existing index in a fresh process, then answers questions. */
export interface ServeJob {
  readonly kind: "serve";
  readonly seedsDir: string;
  readonly indexDir: string;
  /** Default: index files. */
  readonly store?: BenchStore;
  /** Answered once to warm up, then repeated for the latency figures. */
  readonly timed: readonly WorkerQuestion[];
  /** Answered once each; their answers come back for checking. */
  readonly checked: readonly WorkerQuestion[];
  /** Stop repeating `timed` once this many latencies are measured… */
  readonly minSamples: number;
  /** …or this many seconds have passed (after at least one measured round). */
  readonly maxSeconds: number;
}

export type WorkerJob = IngestJob | ServeJob;

export interface IngestResult {
  /** From process start to the code loaded (Node, bundling, package imports); not in ingest_ms. */
  readonly startup_ms: number;
  /** createAssistant with rebuild "always": read and parse seeds, load jieba, build and write the index. */
  readonly ingest_ms: number;
  readonly rss_mb: number;
  /** Bytes under the index directory (embedded), or the database's size (PostgreSQL, pg_database_size). */
  readonly index_bytes: number;
  readonly chunks: number;
  readonly docs: number;
}

export interface CheckedAnswer {
  readonly found: boolean;
  readonly answer: string;
  readonly citations: readonly { readonly doc: string }[];
}

export interface ServeResult {
  readonly startup_ms: number;
  /** createAssistant with rebuild "never" on the built index, in a fresh process. */
  readonly load_ms: number;
  readonly rss_after_load_mb: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly p99_ms: number;
  /** Answers per second, one after another on one thread. */
  readonly qps: number;
  readonly samples: number;
  readonly checked_ms: number;
  readonly rss_mb: number;
  readonly checked: readonly CheckedAnswer[];
}

export type WorkerResult<J extends WorkerJob> = J extends IngestJob ? IngestResult : ServeResult;

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Runs a job in a fresh Node process, so its load time and peak RSS are its own. The child is
 * started the way the CLI starts (scripts/run.mjs: an esbuild bundle, no tsx hooks), so its
 * start-up is the production one. Its stdout and stderr go to this process's stderr; the result
 * comes back in a file.
 */
export async function runWorker<J extends WorkerJob>(job: J, scratchDir: string): Promise<WorkerResult<J>> {
  const jobPath = join(scratchDir, `job-${process.hrtime.bigint()}.json`);
  const resultPath = `${jobPath}.result.json`;
  await writeFile(jobPath, JSON.stringify({ ...job, output: resultPath }));
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts", "run.mjs"), "bench/worker.ts", jobPath], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (code !== 0) throw new Error(`bench worker (${job.kind}, ${job.seedsDir}) exited with code ${code}`);
  const result = JSON.parse(await readFile(resultPath, "utf8")) as WorkerResult<J>;
  await rm(jobPath, { force: true });
  await rm(resultPath, { force: true });
  return result;
}
