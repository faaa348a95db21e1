import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import type { Config } from "../config/load-config.js";
import { PlanAssistantError } from "../errors.js";
import { baseUrlHost } from "../config/base-url-host.js";

export type ChatModelConfig = Pick<Config, "LLM_PROVIDER" | "LLM_BASE_URL" | "LLM_API_KEY" | "LLM_MODEL" | "LLM_TIMEOUT_MS">;

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
export const OLLAMA_DEFAULT_BASE_URL = "http://127.0.0.1:11434";
/** Sent when a local OpenAI-compatible server needs no key: the OpenAI client refuses to start without one. */
export const PLACEHOLDER_API_KEY = "no-key";
/**
 * The client's own timeout sits a little after the generator's deadline: the generator decides
 * (and falls back), the client only makes sure the socket does not stay open.
 */
export const CLIENT_TIMEOUT_MARGIN_MS = 1000;
/** Low temperature: the model rewords given material, it should not be creative. */
const TEMPERATURE = 0.1;

/** OpenAI reasoning models reject `temperature`. */
function acceptsTemperature(model: string): boolean {
  return !/^o\d/.test(model) && !(model.startsWith("gpt-5") && !model.startsWith("gpt-5-chat"));
}

/** A fetch whose every request is aborted after `timeoutMs` (ChatOllama passes no signal of its own). */
export function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}


/** Identifies a configured model in logs and answers' metadata: `<provider>:<model>@<host>`. */
export function chatModelId(config: ChatModelConfig): string | null {
  if (config.LLM_PROVIDER === "none") return null;
  const baseUrl = config.LLM_BASE_URL ?? (config.LLM_PROVIDER === "openai" ? OPENAI_DEFAULT_BASE_URL : OLLAMA_DEFAULT_BASE_URL);
  return `${config.LLM_PROVIDER}:${config.LLM_MODEL}@${baseUrlHost(baseUrl)}`;
}

/**
 * The LangChain chat model chosen by `LLM_PROVIDER`, or null for `none`.
 * - openai: ChatOpenAI on the Chat Completions API at `LLM_BASE_URL` (default api.openai.com/v1;
 *   a local server's URL usually ends in /v1), key `LLM_API_KEY`, no retries.
 * - ollama: ChatOllama on `/api/chat` at `LLM_BASE_URL` (default 127.0.0.1:11434) in JSON mode;
 *   `LLM_API_KEY`, when set, is sent as a bearer token (for an authenticating proxy).
 * Values are passed explicitly so OPENAI_API_KEY / OPENAI_BASE_URL / OLLAMA_BASE_URL in the
 * environment never change which endpoint is called.
 * @throws PlanAssistantError CONFIG_INVALID when LLM_MODEL is missing.
 */
export function createChatModel(config: ChatModelConfig): BaseChatModel | null {
  if (config.LLM_PROVIDER === "none") return null;
  const model = config.LLM_MODEL;
  if (!model) throw new PlanAssistantError("CONFIG_INVALID", `LLM_MODEL is missing: set it when LLM_PROVIDER=${config.LLM_PROVIDER}, or set LLM_PROVIDER=none.`);
  const clientTimeoutMs = config.LLM_TIMEOUT_MS + CLIENT_TIMEOUT_MARGIN_MS;
  if (config.LLM_PROVIDER === "openai") {
    return new ChatOpenAI({
      model,
      apiKey: config.LLM_API_KEY ?? PLACEHOLDER_API_KEY,
      configuration: { baseURL: config.LLM_BASE_URL ?? OPENAI_DEFAULT_BASE_URL },
      timeout: clientTimeoutMs,
      // A retry would spend the user's wait; the extractive answer is the fallback.
      maxRetries: 0,
      streaming: false,
      ...(acceptsTemperature(model) ? { temperature: TEMPERATURE } : {}),
    });
  }
  return new ChatOllama({
    model,
    baseUrl: config.LLM_BASE_URL ?? OLLAMA_DEFAULT_BASE_URL,
    format: "json",
    temperature: TEMPERATURE,
    maxRetries: 0,
    fetch: fetchWithTimeout(clientTimeoutMs),
    ...(config.LLM_API_KEY ? { headers: { Authorization: `Bearer ${config.LLM_API_KEY}` } } : {}),
  });
}
