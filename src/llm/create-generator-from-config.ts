import type { Config } from "../config/load-config.js";
import { chatModelId, createChatModel } from "./create-chat-model.js";
import { createGroundedGenerator, type AnswerGenerator, type GenerationLogger } from "./generate-grounded-answer.js";
import { loadPrompts } from "./load-prompts.js";

export type GeneratorConfig = Pick<Config, "LLM_PROVIDER" | "LLM_BASE_URL" | "LLM_API_KEY" | "LLM_MODEL" | "LLM_TIMEOUT_MS" | "LLM_MAX_CONCURRENCY">;

export interface GeneratorFromConfigOptions {
  readonly logger?: GenerationLogger;
  /** Total characters of passage text per question; default 6000. */
  readonly maxPassageCharacters?: number;
}

/**
 * The grounded generator for the configured model, or null when `LLM_PROVIDER=none` (the
 * extractive answers stay exactly as they are). Loads and validates the prompts from `promptsDirectory`.
 * @throws PlanAssistantError PROMPT_INVALID for missing or invalid prompt files, CONFIG_INVALID for a missing model name.
 */
export async function createGeneratorFromConfig(config: GeneratorConfig, promptsDirectory: string, options: GeneratorFromConfigOptions = {}): Promise<AnswerGenerator | null> {
  const model = createChatModel(config);
  if (model === null) return null;
  const prompts = await loadPrompts(promptsDirectory);
  return createGroundedGenerator({
    model,
    prompts,
    id: chatModelId(config) ?? "llm",
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxConcurrency: config.LLM_MAX_CONCURRENCY,
    ...(options.maxPassageCharacters === undefined ? {} : { maxPassageCharacters: options.maxPassageCharacters }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    secrets: [config.LLM_API_KEY],
  });
}
