import { loadConfig, type Config } from "../config/load-config.js";
import { createAssistant, type LoadedAssistant } from "./create-assistant.js";
import { loadEnvFile } from "./load-env-file.js";
import { createConsoleLogger, type Logger } from "./logger.js";

export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly assistant: LoadedAssistant;
}

/** Secret values of the configuration, for log redaction. */
export function secretValues(config: Config): string[] {
  return [config.SLACK_BOT_TOKEN, config.SLACK_APP_TOKEN, config.SLACK_SIGNING_SECRET, config.LLM_API_KEY, config.EMBEDDINGS_API_KEY].filter((value): value is string => Boolean(value));
}

/** The one place that wires config, logger and assistant for every command (reads .env first). */
export async function createRuntime(env: Record<string, string | undefined>): Promise<Runtime> {
  if (env === process.env) loadEnvFile();
  const config = loadConfig(env);
  const logger = createConsoleLogger(config.LOG_LEVEL, secretValues(config));
  const assistant = await createAssistant({ seedsDir: config.SEEDS_DIR, indexDir: config.INDEX_DIR, logger });
  return { config, logger, assistant };
}
