import { convertLimitsOf, loadConfig, secretValues, type Config } from "../config/load-config.js";
import type { Embedder } from "../embed/embedder.js";
import type { Segmenter } from "../segment/segmenter.js";
import { createEmbeddedStore } from "../store/embedded-store.js";
import type { PlanStore } from "../store/plan-store.js";
import { createAssistant, type AnswerRewriter, type LoadedAssistant } from "./create-assistant.js";
import { loadEnvFile } from "./load-env-file.js";
import { createConsoleLogger, type Logger } from "./logger.js";

export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly assistant: LoadedAssistant;
}

/**
 * The plan store the configuration chooses: PostgreSQL when DATABASE_URL is set (its schema
 * migrated first; `seedsDir` makes it read and write the seed files, as `npm run ingest` does),
 * else the index files under INDEX_DIR.
 * @throws PlanAssistantError DATABASE_UNAVAILABLE naming DATABASE_URL when the database cannot be reached.
 */
export async function openStore(config: Config, logger: Logger, options: { readonly seedsDir?: string } = {}): Promise<PlanStore> {
  if (!config.DATABASE_URL) return createEmbeddedStore({ seedsDir: options.seedsDir ?? config.SEEDS_DIR, indexDir: config.INDEX_DIR, convertLimits: convertLimitsOf(config) });
  const { createDatabase } = await import("../postgres/database.js");
  const { migrate } = await import("../postgres/migrate.js");
  const { createPostgresStore } = await import("../postgres/postgres-store.js");
  const database = createDatabase({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS });
  try {
    const { applied, version } = await migrate(database);
    logger.info(`store: PostgreSQL at ${database.label}, schema version ${version}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`);
  } catch (error) {
    await database.close();
    throw error;
  }
  return createPostgresStore({ database, cacheDir: config.INDEX_DIR, convertLimits: convertLimitsOf(config), ...(options.seedsDir ? { seedsDir: options.seedsDir } : {}) });
}

/** The one place that wires config, logger and assistant for every command (reads .env first). */
export async function createRuntime(env: Record<string, string | undefined>): Promise<Runtime> {
  if (env === process.env) loadEnvFile();
  const config = loadConfig(env);
  const logger = createConsoleLogger(config.LOG_LEVEL, secretValues(config));
  // Model providers load only when configured: the offline default never pays for their imports.
  const generator =
    config.LLM_PROVIDER === "none"
      ? null
      : await (await import("../llm/create-generator-from-config.js")).createGeneratorFromConfig(config, config.PROMPTS_DIR, { logger: { info: (message) => logger.info(message), warn: (message) => logger.warn(message) } });
  const providerEmbedder = config.EMBEDDINGS_PROVIDER === "default" ? null : (await import("../embed/create-embedder.js")).createEmbedder;
  const rewriter: AnswerRewriter | null = generator
    ? {
        id: generator.id,
        rewrite: ({ answer, evidence }) => generator.generate({ question: answer.question, intent: answer.intent, extractive: answer, passages: evidence.passages, lookups: evidence.lookups }),
      }
    : null;
  const store = await openStore(config, logger);
  const assistant = await createAssistant({
    seedsDir: config.SEEDS_DIR,
    indexDir: config.INDEX_DIR,
    store,
    convertLimits: convertLimitsOf(config),
    logger,
    rewriter,
    planCacheSize: config.PLAN_CACHE_SIZE,
    plansPerQuestion: config.PLANS_PER_QUESTION,
    engineCacheSize: config.ENGINE_CACHE_SIZE,
    ...(providerEmbedder ? { createEmbedder: (segmenter: Segmenter): Embedder => providerEmbedder(config, segmenter) } : {}),
  });
  if (generator) logger.info(`answers are phrased by ${generator.id}; figures stay deterministic`);
  return { config, logger, assistant };
}
