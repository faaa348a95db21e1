/**
 * `npm run bench`: quality of the bot against a naive LangChain pipeline and lexical search on
 * the eval questions, its speed on the seed plan, and how its costs grow from 1 to 100 plans.
 * Prints a Markdown report, or with `--json` one JSON object (see bench-result.ts); progress
 * goes to stderr. A benchmark, not a test: targets are reported, never asserted.
 *
 * Options: --json · --sizes=1,10,100 (growth corpus sizes) · --stores=embedded,postgres (which
 * stores to measure; PostgreSQL is PGlite with pgvector served on loopback by pglite-socket, reached
 * through DATABASE_URL with the pg client as the app does) · --growth-only (skip quality, speed, web
 * and HTTP; for large sizes) · --keep (leave the scratch directory).
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { basename, extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { Answer } from "../src/answer/answer-schema.js";
import { citationOf } from "../src/answer/citation.js";
import { createAssistant } from "../src/app/create-assistant.js";
import type { EvalItem } from "../src/eval/score-answer.js";
import { decodeText } from "../src/parse/decode-text.js";
import { createDatabase } from "../src/postgres/database.js";
import { migrate } from "../src/postgres/migrate.js";
import { createPostgresStore } from "../src/postgres/postgres-store.js";
import { startPglite } from "../test/support/pglite-server.js";
import type { BenchDetails, BenchResult, GrowthFigures, StoreName, StoreQuality } from "./bench-result.js";
import { readEvalItems } from "./eval-questions.js";
import { formatGrowth, formatReport } from "./format-report.js";
import { generateCorpus } from "./generate-corpus.js";
import { citesRightDocument, districtQuestions } from "./growth-questions.js";
import { lexicalSearch } from "./lexical-search.js";
import { round } from "./measure.js";
import { measureHttpLoad } from "./measure-http-load.js";
import { measureWeb } from "./measure-web.js";
import { buildNaivePipeline, type RankedPassage } from "./naive-pipeline.js";
import { hasCitationSpec, scoreAnswers, type SystemAnswer } from "./score-answers.js";
import { runWorker, type BenchStore, type WorkerQuestion } from "./worker-protocol.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SEEDS_DIR = process.env.SEEDS_DIR ?? join(ROOT, "seeds");
const EVAL_FILES = [join(ROOT, "..", "shared", "eval", "public.jsonl"), join(ROOT, "test", "eval", "own-questions.jsonl")];
/** Ranked citations a baseline returns (its top chunks); the answer is the first. */
const BASELINE_DEPTH = 5;
/** Latency: repeat the questions until this many answers are timed, or this many seconds pass. */
const MIN_SAMPLES = 3000;
const MAX_SECONDS = 20;
/** The question of the web visit: the README's first. */
const WEB_QUESTION = "2025年学前三年毛入园率目标是多少";

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

interface BenchArguments {
  readonly json: boolean;
  readonly sizes: readonly number[];
  readonly stores: readonly StoreName[];
  readonly growthOnly: boolean;
  readonly keep: boolean;
}

const STORES: readonly StoreName[] = ["embedded", "postgres"];

function parseArguments(argv: readonly string[]): BenchArguments {
  const sizesArgument = argv.find((argument) => argument.startsWith("--sizes="));
  const sizes = sizesArgument ? sizesArgument.slice("--sizes=".length).split(",").map(Number) : [1, 10, 100];
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes takes positive integers, e.g. --sizes=1,10,100 (got ${sizesArgument})`);
  const storesArgument = argv.find((argument) => argument.startsWith("--stores="));
  const stores = storesArgument ? storesArgument.slice("--stores=".length).split(",") : [...STORES];
  if (stores.length === 0 || stores.some((store) => !STORES.includes(store as StoreName))) throw new Error(`--stores takes embedded and/or postgres, e.g. --stores=embedded,postgres (got ${storesArgument})`);
  const unknown = argv.filter((argument) => !["--json", "--keep", "--growth-only"].includes(argument) && !argument.startsWith("--sizes=") && !argument.startsWith("--stores="));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(" ")}; use --json, --sizes=1,10,100, --stores=embedded,postgres, --growth-only, --keep`);
  return { json: argv.includes("--json"), sizes, stores: stores as StoreName[], growthOnly: argv.includes("--growth-only"), keep: argv.includes("--keep") };
}

/**
 * Runs `work` with the store: nothing to start for index files; for PostgreSQL a fresh PGlite (with
 * pgvector) served on loopback, stopped afterwards. It runs in this process: the bot processes
 * reach it over the socket, so their RSS is the bot's alone.
 */
async function withStore<T>(store: StoreName, work: (benchStore: BenchStore) => Promise<T>): Promise<T> {
  if (store === "embedded") return work({ kind: "embedded" });
  const server = await startPglite();
  try {
    return await work({ kind: "postgres", databaseUrl: server.url });
  } finally {
    await server.stop();
  }
}

/** The seed plan texts as the parser sees them (decoded like readSeeds does), by document id. */
async function readSeedTexts(directory: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const files = (await readdir(directory, { recursive: true })).map(String).filter((file) => extname(file).toLowerCase() === ".txt").sort();
  for (const file of files) texts.set(basename(file, extname(file)), decodeText(await readFile(join(directory, file)), file).text);
  return texts;
}

/** A baseline's reply: the top chunk as the answer, the ranked chunks' locations as citations. */
function baselineAnswer(ranked: readonly RankedPassage[]): SystemAnswer {
  return { found: ranked.length > 0, answer: ranked[0]?.text ?? "", citations: ranked.map((passage) => citationOf(passage.location, passage.text)) };
}

async function measureQuality(items: readonly EvalItem[], scratch: string) {
  log("quality: building the bot and the naive pipeline");
  const assistant = await createAssistant({ seedsDir: SEEDS_DIR, indexDir: join(scratch, "quality-index"), rebuild: "always" });
  const texts = await readSeedTexts(SEEDS_DIR);
  const sources = assistant.plans.map((plan) => ({ plan, text: texts.get(plan.doc)! }));
  const naive = await buildNaivePipeline({ sources, segmenter: assistant.engine.segmenter });
  const bot: Answer[] = [];
  const naiveAnswers: SystemAnswer[] = [];
  const lexicalAnswers: SystemAnswer[] = [];
  for (const item of items) {
    bot.push(await assistant.answer(item.question, item.history ?? []));
    // Baselines see the question alone: a plain retrieval pipeline has no conversation state.
    naiveAnswers.push(baselineAnswer(await naive.search(item.question, BASELINE_DEPTH)));
    lexicalAnswers.push(baselineAnswer(lexicalSearch(assistant.engine, item.question, BASELINE_DEPTH)));
  }
  return {
    quality: { bot: scoreAnswers(items, bot), naive: scoreAnswers(items, naiveAnswers), lexical: scoreAnswers(items, lexicalAnswers) },
    botAnswers: bot,
    naiveChunks: naive.chunkCount,
    naiveCrossingShare: naive.crossingShare,
    botChunks: assistant.index.chunks.length,
  };
}

/**
 * The bot's quality with PostgreSQL on the same questions: the seed ingested by one assistant (as
 * `npm run ingest`), answered by another that reads only the database (as a replica), both through
 * the pg client on loopback. Its answers are compared with the embedded store's one by one.
 */
async function measureStoreQuality(items: readonly EvalItem[], embeddedAnswers: readonly Answer[], scratch: string): Promise<StoreQuality> {
  log("quality: the same questions with PostgreSQL (PGlite on loopback)");
  return withStore("postgres", async (benchStore) => {
    const url = benchStore.kind === "postgres" ? benchStore.databaseUrl : "";
    const writer = createDatabase({ url, poolSize: 3, statementTimeoutMs: 120_000 });
    const reader = createDatabase({ url, poolSize: 3 });
    try {
      await migrate(writer);
      const ingestDir = join(scratch, "quality-pg-ingest");
      await createAssistant({ seedsDir: SEEDS_DIR, indexDir: ingestDir, store: createPostgresStore({ database: writer, cacheDir: ingestDir, seedsDir: SEEDS_DIR }), rebuild: "always" });
      const serveDir = join(scratch, "quality-pg-serve");
      const served = await createAssistant({ seedsDir: join(serveDir, "no-seeds"), indexDir: serveDir, store: createPostgresStore({ database: reader, cacheDir: serveDir }), rebuild: "never" });
      const answers: Answer[] = [];
      for (const item of items) answers.push(await served.answer(item.question, item.history ?? []));
      const identical = answers.every((answer, index) => JSON.stringify(answer) === JSON.stringify(embeddedAnswers[index]));
      return { store: "postgres", scores: scoreAnswers(items, answers), identical };
    } finally {
      await reader.close();
      await writer.close();
    }
  });
}

async function measureSpeed(questions: readonly WorkerQuestion[], scratch: string) {
  const indexDir = join(scratch, "speed-index");
  log("speed: ingest in a fresh process");
  const ingest = await runWorker({ kind: "ingest", seedsDir: SEEDS_DIR, indexDir }, scratch);
  log(`speed: load and answer in a fresh process (ingest ${ingest.ingest_ms.toFixed(0)} ms)`);
  const serve = await runWorker({ kind: "serve", seedsDir: SEEDS_DIR, indexDir, timed: questions, checked: [], minSamples: MIN_SAMPLES, maxSeconds: MAX_SECONDS }, scratch);
  return { ingest, serve };
}

/** One row; a row whose worker fails is reported as failed (with the reason), and the run goes on. */
async function measureGrowth(size: number, store: StoreName, seedText: string, evalQuestions: readonly WorkerQuestion[], scratch: string) {
  try {
    return await withStore(store, (benchStore) => measureGrowthWith(size, benchStore, seedText, evalQuestions, scratch));
  } catch (error) {
    const reason = (error as Error).message;
    log(`growth ${size} (${store}) failed: ${reason}`);
    const figures: GrowthFigures = { store, docs: size, ingest_ms: Number.NaN, load_ms: Number.NaN, p95_ms: Number.NaN, rss_mb: Number.NaN, bot_rss_mb: Number.NaN, index_bytes: Number.NaN, cite_right_doc: Number.NaN, failed: reason };
    const detail = { store, docs: size, chunks: 0, ingestRssMb: Number.NaN, serveRssMb: Number.NaN, samples: 0, checked: 0, checkedMsPerQuestion: Number.NaN, rightDocumentShare: Number.NaN, byTemplate: {}, failures: [] };
    return { figures, detail };
  }
}

async function measureGrowthWith(size: number, benchStore: BenchStore, seedText: string, evalQuestions: readonly WorkerQuestion[], scratch: string) {
  const store = benchStore.kind;
  const directory = join(scratch, `growth-${size}-${store}`);
  const seedsDir = join(directory, "seeds");
  const indexDir = join(directory, "index");
  await mkdir(seedsDir, { recursive: true });
  const documents = generateCorpus(seedText, size);
  for (const document of documents) await writeFile(join(seedsDir, document.file), document.text);
  const questions = districtQuestions(documents);
  log(`growth ${size} (${store}): ingest ${documents.length} plans in a fresh process`);
  const ingest = await runWorker({ kind: "ingest", seedsDir, indexDir, store: benchStore }, scratch);
  log(`growth ${size} (${store}): load and answer (ingest ${(ingest.ingest_ms / 1000).toFixed(1)} s)`);
  // The same timed questions at every size (eval set + the first district's), so latencies compare.
  const timed = [...evalQuestions, ...questions.filter((question) => question.doc === documents[0]!.doc)];
  // The bot process of the PostgreSQL store gets its own cache folder and no seed files: it reads the database only.
  const serveIndexDir = store === "postgres" ? join(directory, "replica-cache") : indexDir;
  const serveSeedsDir = store === "postgres" ? join(directory, "no-seeds") : seedsDir;
  const serve = await runWorker({ kind: "serve", seedsDir: serveSeedsDir, indexDir: serveIndexDir, store: benchStore, timed, checked: questions, minSamples: MIN_SAMPLES, maxSeconds: MAX_SECONDS }, scratch);
  const byTemplate: Record<string, { right: number; asked: number }> = {};
  const failures: string[] = [];
  let right = 0;
  let rightDocument = 0;
  questions.forEach((question, index) => {
    const answer = serve.checked[index]!;
    if (answer.citations[0]?.doc === question.doc) rightDocument += 1;
    const template = question.id.split(":")[1]!;
    const count = (byTemplate[template] ??= { right: 0, asked: 0 });
    count.asked += 1;
    if (citesRightDocument(question, answer)) {
      right += 1;
      count.right += 1;
    } else {
      failures.push(`${question.question} (expects ${question.expected} from ${question.doc}) → cites ${answer.citations[0]?.doc ?? "nothing"}: ${answer.answer.slice(0, 80)}`);
    }
  });
  const figures: GrowthFigures = {
    store,
    docs: size,
    ingest_ms: ingest.ingest_ms,
    load_ms: serve.load_ms,
    p95_ms: serve.p95_ms,
    rss_mb: Math.max(ingest.rss_mb, serve.rss_mb),
    bot_rss_mb: serve.rss_mb,
    index_bytes: ingest.index_bytes,
    cite_right_doc: questions.length === 0 ? 0 : right / questions.length,
  };
  const detail = {
    store,
    docs: size,
    chunks: ingest.chunks,
    ingestRssMb: ingest.rss_mb,
    serveRssMb: serve.rss_mb,
    samples: serve.samples,
    checked: questions.length,
    checkedMsPerQuestion: serve.checked_ms / Math.max(1, questions.length),
    rightDocumentShare: questions.length === 0 ? 0 : rightDocument / questions.length,
    byTemplate,
    failures,
  };
  await rm(directory, { recursive: true, force: true });
  return { figures, detail };
}

function roundedGrowth(entry: GrowthFigures): GrowthFigures {
  return { store: entry.store, docs: entry.docs, ingest_ms: round(entry.ingest_ms), load_ms: round(entry.load_ms), p95_ms: round(entry.p95_ms, 3), rss_mb: round(entry.rss_mb, 1), bot_rss_mb: round(entry.bot_rss_mb, 1), index_bytes: entry.index_bytes, cite_right_doc: round(entry.cite_right_doc, 4), ...(entry.failed ? { failed: entry.failed } : {}) };
}

/** Rounds every figure for printing: milliseconds and MB to 2 decimals, shares to 4. */
function rounded(result: BenchResult): BenchResult {
  const scores = (value: BenchResult["quality"]["bot"]) => ({ answer: round(value.answer, 4), hit1: round(value.hit1, 4), hit5: round(value.hit5, 4), mrr: round(value.mrr, 4) });
  const { speed } = result;
  return {
    quality: { bot: scores(result.quality.bot), naive: scores(result.quality.naive), lexical: scores(result.quality.lexical) },
    stores: result.stores.map((entry) => ({ ...entry, scores: scores(entry.scores) })),
    speed: { ingest_ms: round(speed.ingest_ms), load_ms: round(speed.load_ms), p50_ms: round(speed.p50_ms, 3), p95_ms: round(speed.p95_ms, 3), p99_ms: round(speed.p99_ms, 3), qps: round(speed.qps, 1), rss_mb: round(speed.rss_mb, 1), index_bytes: speed.index_bytes },
    growth: result.growth.map(roundedGrowth),
    web: { cold_ms: round(result.web.cold_ms), p50_ms: round(result.web.p50_ms), p95_ms: round(result.web.p95_ms), visits: result.web.visits },
    http: { ...result.http, throughput_rps: round(result.http.throughput_rps, 1), p50_ms: round(result.http.p50_ms), p99_ms: round(result.http.p99_ms) },
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const options = parseArguments(process.argv.slice(2));
  const evalFiles = EVAL_FILES.filter((file) => existsSync(file));
  for (const file of EVAL_FILES.filter((candidate) => !existsSync(candidate))) log(`eval set ${file} not found; measuring without it`);
  const items = await readEvalItems(evalFiles);
  const evalQuestions: WorkerQuestion[] = items.map((item) => ({ question: item.question, history: item.history ?? [] }));
  const scratch = await mkdtemp(join(tmpdir(), "plan-bench-"));
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const environment = `Node ${process.version}, ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${new Date().toISOString().slice(0, 10)}`;
  try {
    const seedTexts = await readSeedTexts(SEEDS_DIR);
    const [seedDoc, seedText] = [...seedTexts][0]!;
    if (seedTexts.size > 1) log(`growth: generating from ${seedDoc} (the first of ${seedTexts.size} seeds)`);
    const measureAllGrowth = async () => {
      const growth: GrowthFigures[] = [];
      const growthDetails: BenchDetails["growth"][number][] = [];
      for (const size of options.sizes) {
        for (const store of options.stores) {
          const { figures, detail } = await measureGrowth(size, store, seedText, evalQuestions, scratch);
          growth.push(figures);
          growthDetails.push(detail);
        }
      }
      for (const entry of growthDetails) for (const failure of entry.failures) log(`growth ${entry.docs} (${entry.store}): wrong place: ${failure}`);
      return { growth, growthDetails };
    };
    if (options.growthOnly) {
      const { growth, growthDetails } = await measureAllGrowth();
      if (options.json) process.stdout.write(`${JSON.stringify({ growth: growth.map(roundedGrowth) })}\n`);
      else process.stdout.write(`Measured with \`npm run bench -- --growth-only\` on ${environment}; whole run ${((performance.now() - started) / 1000).toFixed(0)} s.\n\n${formatGrowth(growth.map(roundedGrowth), growthDetails)}`);
      return;
    }
    const { quality, botAnswers, naiveChunks, naiveCrossingShare, botChunks } = await measureQuality(items, scratch);
    const stores: StoreQuality[] = [{ store: "embedded", scores: quality.bot, identical: true }];
    if (options.stores.includes("postgres")) stores.push(await measureStoreQuality(items, botAnswers, scratch));
    const { ingest, serve } = await measureSpeed(evalQuestions, scratch);
    log("web: page load + first answer on loopback");
    const web = await measureWeb(await createAssistant({ seedsDir: SEEDS_DIR, indexDir: join(scratch, "speed-index") }), WEB_QUESTION);
    log("http: 2,000 /api/ask at concurrency 100 against npm start");
    const http = await measureHttpLoad({ seedsDir: SEEDS_DIR, indexDir: join(scratch, "speed-index"), scratch, questions: items.map((item) => item.question) });
    const { growth, growthDetails } = await measureAllGrowth();
    const result = rounded({
      quality,
      stores,
      speed: { ingest_ms: ingest.ingest_ms, load_ms: serve.load_ms, p50_ms: serve.p50_ms, p95_ms: serve.p95_ms, p99_ms: serve.p99_ms, qps: serve.qps, rss_mb: Math.max(ingest.rss_mb, serve.rss_mb), index_bytes: ingest.index_bytes },
      growth,
      web,
      http,
    });
    const details: BenchDetails = {
      questions: items.length,
      citedQuestions: items.filter(hasCitationSpec).length,
      naiveChunks,
      naiveCrossingShare,
      botChunks,
      speed: { startupMs: serve.startup_ms, ingestRssMb: ingest.rss_mb, serveRssMb: serve.rss_mb, rssAfterLoadMb: serve.rss_after_load_mb, samples: serve.samples },
      growth: growthDetails,
      wallSeconds: (performance.now() - started) / 1000,
    };
    if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stdout.write(formatReport(result, details, environment));
  } finally {
    if (options.keep) log(`scratch kept in ${scratch}`);
    else await rm(scratch, { recursive: true, force: true });
  }
}

await main();
