import { z } from "zod";
import { type ConvertLimits, DEFAULT_CONVERT_LIMITS } from "../convert/limits.js";
import { PlanAssistantError } from "../errors.js";
import { DEFAULT_WEB_LIMITS, type WebLimits } from "../web/web-limits.js";

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const positiveInteger = (fallback: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(fallback));
const optionalPort = z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional());

/** Environment variables the bot reads. Everything is optional: the default is an offline terminal bot. */
export const envSchema = z.object({
  SEEDS_DIR: z.preprocess(emptyToUndefined, z.string().default("seeds")),
  INDEX_DIR: z.preprocess(emptyToUndefined, z.string().default("index")),
  PROMPTS_DIR: z.preprocess(emptyToUndefined, z.string().default("prompts")),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("data")),
  FEEDBACK_FILE: optionalString,
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),

  // Limits on plan files (src/convert/limits.ts): bytes, pages, zip entries.
  MAX_PLAN_FILE_BYTES: positiveInteger(DEFAULT_CONVERT_LIMITS.maxFileBytes),
  MAX_HTML_BYTES: positiveInteger(DEFAULT_CONVERT_LIMITS.maxHtmlBytes),
  MAX_PDF_PAGES: positiveInteger(DEFAULT_CONVERT_LIMITS.maxPdfPages),
  MAX_DOCX_ENTRIES: positiveInteger(DEFAULT_CONVERT_LIMITS.maxDocxEntries),
  MAX_DOCX_UNCOMPRESSED_BYTES: positiveInteger(DEFAULT_CONVERT_LIMITS.maxDocxUncompressedBytes),

  SLACK_BOT_TOKEN: z.preprocess(emptyToUndefined, z.string().startsWith("xoxb-", "must start with xoxb-").optional()),
  SLACK_APP_TOKEN: z.preprocess(emptyToUndefined, z.string().startsWith("xapp-", "must start with xapp-").optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalUrl,
  SLACK_SLASH_COMMAND: z.preprocess(emptyToUndefined, z.string().regex(/^\/[a-z0-9_-]+$/, "must look like /plan").default("/plan")),
  SLACK_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10)),
  PORT: optionalPort,

  DINGTALK_CLIENT_ID: optionalString,
  DINGTALK_CLIENT_SECRET: optionalString,
  DINGTALK_API_URL: z.preprocess(emptyToUndefined, z.url().default("https://api.dingtalk.com")),
  /** A card template (卡片平台) with the variables of docs/dingtalk.md: answers become interactive cards with feedback buttons. */
  DINGTALK_CARD_TEMPLATE_ID: optionalString,
  FEISHU_APP_ID: z.preprocess(emptyToUndefined, z.string().trim().regex(/^cli_[0-9a-fA-F]{16}$/, "must look like cli_ followed by 16 hex digits (Credentials & Basic Info page)").optional()),
  FEISHU_APP_SECRET: optionalString,
  FEISHU_DOMAIN: z.preprocess(emptyToUndefined, z.url().default("https://open.feishu.cn")),
  /** Questions per user per minute on DingTalk and Feishu. */
  CHANNEL_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10)),
  /** Address the web server binds; loopback unless set (HOST=0.0.0.0 serves the network). */
  HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
  /** When set, /api and /v1 require Authorization: Bearer <API_KEY>. */
  API_KEY: z.preprocess(emptyToUndefined, z.string().min(8, "must be at least 8 characters").optional()),
  WEB_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(30)),
  // Limits of the HTTP server under load and abuse (docs/web.md, "Limits").
  /** Questions, feedback and completions in progress at once (all clients); more get 429 SERVER_BUSY. */
  WEB_MAX_IN_PROGRESS: positiveInteger(DEFAULT_WEB_LIMITS.maxInProgress),
  /** Largest /api request body. */
  WEB_BODY_LIMIT_BYTES: positiveInteger(DEFAULT_WEB_LIMITS.bodyLimitBytes),
  /** Largest /v1/chat/completions body: OpenAI clients send the whole conversation. */
  WEB_CHAT_BODY_LIMIT_BYTES: positiveInteger(DEFAULT_WEB_LIMITS.chatBodyLimitBytes),
  /** Time a client has to send the request headers; then 408. */
  WEB_HEADERS_TIMEOUT_MS: positiveInteger(DEFAULT_WEB_LIMITS.headersTimeoutMs),
  /** Time a client has to send the whole request, body included; then 408. */
  WEB_REQUEST_TIMEOUT_MS: positiveInteger(DEFAULT_WEB_LIMITS.requestTimeoutMs),

  LLM_PROVIDER: z.preprocess(emptyToUndefined, z.enum(["none", "openai", "ollama"]).default("none")),
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  LLM_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).default(20_000)),
  LLM_MAX_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(2)),

  EMBEDDINGS_PROVIDER: z.preprocess(emptyToUndefined, z.enum(["default", "openai", "ollama"]).default("default")),
  EMBEDDINGS_BASE_URL: optionalUrl,
  EMBEDDINGS_API_KEY: optionalString,
  EMBEDDINGS_MODEL: optionalString,
  /** postgres://user:password@host:5432/db switches every store to PostgreSQL (docs/postgres.md); unset: index files. */
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres:// (or unset it to use the index files)").optional()),
  /** Connections per process; at least 2 (LangChain's PGVectorStore keeps one for its life). */
  DATABASE_POOL_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(2).max(100).default(5)),
  /** Longest a statement may run before PostgreSQL cancels it. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).default(5_000)),
  /** How long to wait for a connection (from the pool or a new one) before giving up. */
  DATABASE_CONNECT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).default(5_000)),
  /** PostgreSQL serves plans on demand: how many plans' parts a process keeps in memory (least recently used go first). */
  PLAN_CACHE_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10_000).default(32)),
  /** PostgreSQL: engines composed over a set of plans kept for questions that reach the same set again. */
  ENGINE_CACHE_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000).default(8)),
  /** PostgreSQL: most plans one question is answered over when it names none (chosen by full-text rank). */
  PLANS_PER_QUESTION: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(8)),
});

export type Config = Readonly<z.infer<typeof envSchema>>;

/** Secret values of the configuration (tokens, signing secret, API keys), for redaction wherever text leaves the process. */
export function secretValues(config: Config): string[] {
  return [config.SLACK_BOT_TOKEN, config.SLACK_APP_TOKEN, config.SLACK_SIGNING_SECRET, config.DINGTALK_CLIENT_SECRET, config.FEISHU_APP_SECRET, config.LLM_API_KEY, config.EMBEDDINGS_API_KEY, config.API_KEY, databasePassword(config.DATABASE_URL)].filter((value): value is string => Boolean(value));
}

/** The password in a postgres:// URL, so that logs never show it. */
function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** The limits on plan files that the configuration sets (MAX_PLAN_FILE_BYTES…), for `readSeeds`. */
export function convertLimitsOf(config: Config): ConvertLimits {
  return Object.freeze({
    maxFileBytes: config.MAX_PLAN_FILE_BYTES,
    maxHtmlBytes: config.MAX_HTML_BYTES,
    maxPdfPages: config.MAX_PDF_PAGES,
    maxDocxEntries: config.MAX_DOCX_ENTRIES,
    maxDocxUncompressedBytes: config.MAX_DOCX_UNCOMPRESSED_BYTES,
  });
}

/** The HTTP server's limits that the configuration sets (WEB_MAX_IN_PROGRESS…), for the web app and server. */
export function webLimitsOf(config: Config): WebLimits {
  return Object.freeze({
    maxInProgress: config.WEB_MAX_IN_PROGRESS,
    bodyLimitBytes: config.WEB_BODY_LIMIT_BYTES,
    chatBodyLimitBytes: config.WEB_CHAT_BODY_LIMIT_BYTES,
    headersTimeoutMs: config.WEB_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.WEB_REQUEST_TIMEOUT_MS,
  });
}

/**
 * Reads and validates configuration. Returns a frozen object.
 * @throws PlanAssistantError CONFIG_INVALID naming every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new PlanAssistantError("CONFIG_INVALID", `Invalid configuration: ${problems}. Fix it in .env or the environment (see .env.example).`);
  }
  const config = parsed.data;
  if (config.LLM_PROVIDER !== "none" && !config.LLM_MODEL) {
    throw new PlanAssistantError("CONFIG_INVALID", `LLM_MODEL is missing: set it when LLM_PROVIDER=${config.LLM_PROVIDER}, or set LLM_PROVIDER=none.`);
  }
  if (config.LLM_PROVIDER === "openai" && !config.LLM_BASE_URL && !config.LLM_API_KEY) {
    throw new PlanAssistantError("CONFIG_INVALID", "LLM_API_KEY is missing: set it (or LLM_BASE_URL for a local OpenAI-compatible server) when LLM_PROVIDER=openai.");
  }
  if (config.EMBEDDINGS_PROVIDER !== "default" && !config.EMBEDDINGS_MODEL) {
    throw new PlanAssistantError("CONFIG_INVALID", `EMBEDDINGS_MODEL is missing: set it when EMBEDDINGS_PROVIDER=${config.EMBEDDINGS_PROVIDER}, or set EMBEDDINGS_PROVIDER=default.`);
  }
  if (config.WEB_HEADERS_TIMEOUT_MS > config.WEB_REQUEST_TIMEOUT_MS) {
    throw new PlanAssistantError("CONFIG_INVALID", `WEB_HEADERS_TIMEOUT_MS (${config.WEB_HEADERS_TIMEOUT_MS}) is longer than WEB_REQUEST_TIMEOUT_MS (${config.WEB_REQUEST_TIMEOUT_MS}): the headers are part of the request, so lower the first or raise the second.`);
  }
  if (Boolean(config.DINGTALK_CLIENT_ID) !== Boolean(config.DINGTALK_CLIENT_SECRET)) {
    const missing = config.DINGTALK_CLIENT_ID ? "DINGTALK_CLIENT_SECRET" : "DINGTALK_CLIENT_ID";
    throw new PlanAssistantError("CONFIG_INVALID", `${missing} is missing: set both DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (the robot app's Client ID and Client Secret), or neither. See docs/dingtalk.md.`);
  }
  if (Boolean(config.FEISHU_APP_ID) !== Boolean(config.FEISHU_APP_SECRET)) {
    const missing = config.FEISHU_APP_ID ? "FEISHU_APP_SECRET" : "FEISHU_APP_ID";
    throw new PlanAssistantError("CONFIG_INVALID", `${missing} is missing: set both FEISHU_APP_ID and FEISHU_APP_SECRET (the app's App ID and App Secret), or neither. See docs/feishu.md.`);
  }
  return Object.freeze(config);
}
