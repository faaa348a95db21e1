import { OllamaEmbeddings } from "@langchain/ollama";
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Config } from "../config/load-config.js";
import { PlanAssistantError } from "../errors.js";
import type { Segmenter } from "../segment/segmenter.js";
import type { Embedder } from "./embedder.js";
import { createHashedEmbedder } from "./hashed-embeddings.js";
import { baseUrlHost } from "../config/base-url-host.js";

export type EmbedderConfig = Pick<Config, "EMBEDDINGS_PROVIDER" | "EMBEDDINGS_BASE_URL" | "EMBEDDINGS_API_KEY" | "EMBEDDINGS_MODEL">;

export const OPENAI_EMBEDDINGS_DEFAULT_BASE_URL = "https://api.openai.com/v1";
export const OLLAMA_EMBEDDINGS_DEFAULT_BASE_URL = "http://127.0.0.1:11434";
/** Sent when a local OpenAI-compatible server needs no key: the OpenAI client refuses to start without one. */
const PLACEHOLDER_API_KEY = "no-key";
/** One request may embed a whole batch of chunks on a slow local machine. */
const REQUEST_TIMEOUT_MS = 120_000;
const BATCH_SIZE = 64;
const MAX_RETRIES = 2;

/**
 * The embedder chosen by `EMBEDDINGS_PROVIDER`:
 * - default: the offline hashed TF-IDF embedder over `segmenter` (no network).
 * - openai: OpenAIEmbeddings on `<EMBEDDINGS_BASE_URL>/embeddings` (default api.openai.com/v1),
 *   asking for float vectors, which every OpenAI-compatible server returns (not all decode base64).
 * - ollama: OllamaEmbeddings on `<EMBEDDINGS_BASE_URL>/api/embed` (default 127.0.0.1:11434).
 * The id (`openai:<model>@<host>`, `ollama:<model>@<host>`) goes into the index manifest, so
 * switching model or server rebuilds the index. The dimension of a remote model is null until
 * its first vectors: the index builder reads it from them.
 * @throws PlanAssistantError CONFIG_INVALID when the model name, or for api.openai.com the key, is missing.
 */
export function createEmbedder(config: EmbedderConfig, segmenter: Segmenter): Embedder {
  if (config.EMBEDDINGS_PROVIDER === "default") return createHashedEmbedder(segmenter);
  const model = config.EMBEDDINGS_MODEL;
  if (!model) throw new PlanAssistantError("CONFIG_INVALID", `EMBEDDINGS_MODEL is missing: set it when EMBEDDINGS_PROVIDER=${config.EMBEDDINGS_PROVIDER}, or set EMBEDDINGS_PROVIDER=default.`);

  if (config.EMBEDDINGS_PROVIDER === "openai") {
    if (!config.EMBEDDINGS_BASE_URL && !config.EMBEDDINGS_API_KEY) {
      throw new PlanAssistantError("CONFIG_INVALID", "EMBEDDINGS_API_KEY is missing: set it (or EMBEDDINGS_BASE_URL for a local OpenAI-compatible server) when EMBEDDINGS_PROVIDER=openai.");
    }
    const baseUrl = config.EMBEDDINGS_BASE_URL ?? OPENAI_EMBEDDINGS_DEFAULT_BASE_URL;
    return {
      id: `openai:${model}@${baseUrlHost(baseUrl)}`,
      dimension: null,
      embeddings: new OpenAIEmbeddings({
        model,
        apiKey: config.EMBEDDINGS_API_KEY ?? PLACEHOLDER_API_KEY,
        configuration: { baseURL: baseUrl },
        encodingFormat: "float",
        batchSize: BATCH_SIZE,
        timeout: REQUEST_TIMEOUT_MS,
        maxRetries: MAX_RETRIES,
      }),
    };
  }

  const baseUrl = config.EMBEDDINGS_BASE_URL ?? OLLAMA_EMBEDDINGS_DEFAULT_BASE_URL;
  return {
    id: `ollama:${model}@${baseUrlHost(baseUrl)}`,
    dimension: null,
    embeddings: new OllamaEmbeddings({
      model,
      baseUrl,
      maxRetries: MAX_RETRIES,
      // The Ollama client sets no timeout of its own.
      fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
      ...(config.EMBEDDINGS_API_KEY ? { headers: { Authorization: `Bearer ${config.EMBEDDINGS_API_KEY}` } } : {}),
    }),
  };
}
