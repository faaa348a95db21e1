import { createAssistant } from "../app/create-assistant.js";
import { openStore } from "../app/create-runtime.js";
import { createConsoleLogger } from "../app/logger.js";
import { loadEnvFile } from "../app/load-env-file.js";
import { convertLimitsOf, loadConfig } from "../config/load-config.js";
import { formatPlanReport, planReport } from "../app/plan-report.js";
import { runCommand } from "./run-command.js";

/**
 * `npm run ingest`: parses every seed and rebuilds the index under INDEX_DIR atomically; with
 * DATABASE_URL, writes each changed plan to PostgreSQL in its own transaction and switches the
 * serving snapshot at the end (an unchanged seed folder is a no-op).
 */
async function main(argv: readonly string[]): Promise<number> {
  loadEnvFile();
  const config = loadConfig(process.env);
  const logger = createConsoleLogger(config.LOG_LEVEL);
  const started = performance.now();
  const store = await openStore(config, logger, { seedsDir: config.SEEDS_DIR });
  // PostgreSQL: unchanged files are a no-op (by hash), so "auto" is the ingest; index files rebuild unless --if-stale.
  const rebuild = argv.includes("--if-stale") || store.kind === "postgres" ? "auto" : "always";
  const assistant = await createAssistant({ seedsDir: config.SEEDS_DIR, indexDir: config.INDEX_DIR, store, convertLimits: convertLimitsOf(config), logger, rebuild }).finally(() => store.close());
  const { manifest } = assistant.index;
  const elapsed = Math.round(performance.now() - started);
  // What was understood of each plan, with a warning for anything partial.
  const reports = assistant.plans.map((plan) => formatPlanReport(planReport(plan, assistant.engine.knowledge)));
  process.stdout.write(`${reports.join("\n")}\n`);
  // A bad file never stops the others: each is named with its reason.
  if (assistant.skipped.length > 0) process.stdout.write(`Skipped ${assistant.skipped.length} file(s):\n${assistant.skipped.map((reason) => `  - ${reason}`).join("\n")}\n`);
  process.stdout.write(
    `${assistant.indexStatus === "built" ? "Built" : "Up to date"}: ${manifest.chunkCount} chunks from ${manifest.seeds.length} plan(s) (${manifest.seeds.map((seed) => seed.file).join(", ")}) in ${assistant.index.directory}\n` +
      `embedder ${manifest.embedder.id} (dim ${manifest.embedder.dimension}), segmenter ${manifest.segmenter}, ${elapsed} ms\n`,
  );
  return 0;
}

runCommand(main);
