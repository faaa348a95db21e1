import { convertLimitsOf, loadConfig, secretValues, type Config } from "../config/load-config.js";
import type { Embedder } from "../embed/embedder.js";
import type { Segmenter } from "../segment/segmenter.js";
import { createAssistant, type AnswerRewriter, type LoadedAssistant } from "./create-assistant.js";
import { loadEnvFile } from "./load-env-file.js";
import { createConsoleLogger, type Logger } from "./logger.js";

export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly assistant: LoadedAssistant;
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
  const assistant = await createAssistant({
    seedsDir: config.SEEDS_DIR,
    indexDir: config.INDEX_DIR,
    convertLimits: convertLimitsOf(config),
    logger,
    rewriter,
    ...(providerEmbedder ? { createEmbedder: (segmenter: Segmenter): Embedder => providerEmbedder(config, segmenter) } : {}),
  });
  if (generator) logger.info(`answers are phrased by ${generator.id}; figures stay deterministic`);
  return { config, logger, assistant };
}
