import { describe, expect, it } from "vitest";
import { PlanAssistantError } from "../errors.js";
import { DEFAULT_CONVERT_LIMITS } from "../convert/limits.js";
import { DEFAULT_WEB_LIMITS } from "../web/web-limits.js";
import { convertLimitsOf, loadConfig, secretValues, webLimitsOf } from "./load-config.js";

/** The CONFIG_INVALID error `env` raises; fails the test when it loads. */
function configError(env: Record<string, string | undefined>): PlanAssistantError {
  let thrown: unknown = null;
  try {
    loadConfig(env);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PlanAssistantError);
  expect((thrown as PlanAssistantError).code).toBe("CONFIG_INVALID");
  return thrown as PlanAssistantError;
}

const BOT_TOKEN = "xoxb-1111-2222-bot-token-value";
const APP_TOKEN = "xapp-1-A111-app-token-value";
const SIGNING_SECRET = "signing-secret-8f3a9c";
const LLM_KEY = "sk-llm-key-5d1e77";
const EMBEDDINGS_KEY = "sk-embeddings-key-90ab";
const SECRETS = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, LLM_API_KEY: LLM_KEY, EMBEDDINGS_API_KEY: EMBEDDINGS_KEY };

describe("loadConfig", () => {
  it("defaults to the offline terminal bot when nothing is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      SEEDS_DIR: "seeds",
      INDEX_DIR: "index",
      PROMPTS_DIR: "prompts",
      DATA_DIR: "data",
      LOG_LEVEL: "info",
      LLM_PROVIDER: "none",
      LLM_TIMEOUT_MS: 20_000,
      LLM_MAX_CONCURRENCY: 2,
      EMBEDDINGS_PROVIDER: "default",
      SLACK_SLASH_COMMAND: "/plan",
      SLACK_RATE_LIMIT_PER_MINUTE: 10,
    });
    expect(config.PORT).toBeUndefined();
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
    expect(config.LLM_MODEL).toBeUndefined();
  });

  it("treats empty and blank strings as unset, as a copied .env.example leaves them", () => {
    const config = loadConfig({ SEEDS_DIR: "", INDEX_DIR: "  ", PORT: "", LLM_PROVIDER: "", LLM_TIMEOUT_MS: "", SLACK_BOT_TOKEN: "", SLACK_API_URL: " ", SLACK_SLASH_COMMAND: "", EMBEDDINGS_PROVIDER: "" });
    expect(config).toMatchObject({ SEEDS_DIR: "seeds", INDEX_DIR: "index", LLM_PROVIDER: "none", LLM_TIMEOUT_MS: 20_000, SLACK_SLASH_COMMAND: "/plan", EMBEDDINGS_PROVIDER: "default" });
    expect(config.PORT).toBeUndefined();
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
    expect(config.SLACK_API_URL).toBeUndefined();
  });

  it("reads set values, numbers as numbers", () => {
    const config = loadConfig({ SEEDS_DIR: "/plans", PORT: "3000", LLM_PROVIDER: "ollama", LLM_MODEL: " qwen2.5:7b ", LLM_TIMEOUT_MS: "5000", SLACK_SLASH_COMMAND: "/guihua" });
    expect(config).toMatchObject({ SEEDS_DIR: "/plans", PORT: 3000, LLM_PROVIDER: "ollama", LLM_MODEL: "qwen2.5:7b", LLM_TIMEOUT_MS: 5000, SLACK_SLASH_COMMAND: "/guihua" });
  });

  it("keeps only the variables it knows, not the rest of the environment", () => {
    const config = loadConfig({ PATH: "/usr/bin", AWS_SECRET_ACCESS_KEY: "unrelated-secret", SEEDS_DIR: "seeds" });
    expect(Object.keys(config)).not.toContain("PATH");
    expect(JSON.stringify(config)).not.toContain("unrelated-secret");
  });

  it("returns a frozen object", () => {
    const config = loadConfig({ PORT: "3000" });
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { PORT?: number }).PORT = 4000;
    }).toThrow(TypeError);
    expect(config.PORT).toBe(3000);
  });

  it.each([
    ["SLACK_BOT_TOKEN", { SLACK_BOT_TOKEN: "xoxp-user-token-not-a-bot-token" }],
    ["SLACK_APP_TOKEN", { SLACK_APP_TOKEN: "xoxb-wrong-kind-of-app-token" }],
    ["PORT", { PORT: "abc" }],
    ["PORT", { PORT: "70000" }],
    ["LLM_MODEL", { LLM_PROVIDER: "openai", LLM_API_KEY: LLM_KEY }],
    ["LLM_API_KEY", { LLM_PROVIDER: "openai", LLM_MODEL: "gpt-4o-mini", LLM_API_KEY: undefined }],
    ["EMBEDDINGS_MODEL", { EMBEDDINGS_PROVIDER: "ollama", EMBEDDINGS_API_KEY: EMBEDDINGS_KEY }],
    ["SLACK_API_URL", { SLACK_API_URL: "not a url" }],
    ["LLM_PROVIDER", { LLM_PROVIDER: "gpt" }],
    ["LLM_TIMEOUT_MS", { LLM_TIMEOUT_MS: "10" }],
    ["SLACK_SLASH_COMMAND", { SLACK_SLASH_COMMAND: "plan" }],
  ] as [string, Record<string, string | undefined>][])("names %s in the CONFIG_INVALID message and never echoes a secret", (variable, bad) => {
    // Valid secrets sit beside the bad variable; the bad value itself may be a (mistyped) secret too.
    const env: Record<string, string | undefined> = { ...SECRETS, ...bad };
    const error = configError(env);
    expect(error.message).toContain(variable);
    for (const key of Object.keys(SECRETS)) {
      const value = env[key];
      if (value) expect(error.message).not.toContain(value);
    }
  });

  it("names every bad variable at once", () => {
    const error = configError({ PORT: "abc", SLACK_API_URL: "nope", LOG_LEVEL: "loud" });
    for (const variable of ["PORT", "SLACK_API_URL", "LOG_LEVEL"]) expect(error.message).toContain(variable);
  });

  it("accepts an OpenAI-compatible server by base URL without a key", () => {
    expect(loadConfig({ LLM_PROVIDER: "openai", LLM_MODEL: "qwen", LLM_BASE_URL: "http://localhost:8000/v1" }).LLM_API_KEY).toBeUndefined();
  });
});

describe("secretValues", () => {
  it("lists the set tokens, signing secret and API keys, and nothing else", () => {
    const config = loadConfig({ ...SECRETS, LLM_PROVIDER: "openai", LLM_MODEL: "gpt-4o-mini", SLACK_API_URL: "https://slack.example.com/api/" });
    expect(secretValues(config)).toEqual([BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, LLM_KEY, EMBEDDINGS_KEY]);
  });

  it("leaves out unset and empty secrets", () => {
    expect(secretValues(loadConfig({}))).toEqual([]);
    expect(secretValues(loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: "", LLM_API_KEY: "  " }))).toEqual([BOT_TOKEN]);
  });

  it("reads the limits on plan files, with the convert defaults, and refuses a bad one", () => {
    expect(convertLimitsOf(loadConfig({}))).toEqual(DEFAULT_CONVERT_LIMITS);
    expect(convertLimitsOf(loadConfig({ MAX_PLAN_FILE_BYTES: "1048576", MAX_HTML_BYTES: "", MAX_PDF_PAGES: "300", MAX_DOCX_ENTRIES: "100", MAX_DOCX_UNCOMPRESSED_BYTES: "5000000" }))).toEqual({
      ...DEFAULT_CONVERT_LIMITS,
      maxFileBytes: 1_048_576,
      maxPdfPages: 300,
      maxDocxEntries: 100,
      maxDocxUncompressedBytes: 5_000_000,
    });
    expect(configError({ MAX_PDF_PAGES: "0" }).message).toContain("MAX_PDF_PAGES");
    expect(configError({ MAX_PLAN_FILE_BYTES: "50MB" }).message).toContain("MAX_PLAN_FILE_BYTES");
  });

  it("reads the web server's limits, with their defaults, and refuses headers allowed longer than the whole request", () => {
    expect(webLimitsOf(loadConfig({}))).toEqual(DEFAULT_WEB_LIMITS);
    expect(webLimitsOf(loadConfig({ WEB_MAX_IN_PROGRESS: "16", WEB_BODY_LIMIT_BYTES: "", WEB_CHAT_BODY_LIMIT_BYTES: "65536", WEB_HEADERS_TIMEOUT_MS: "2000", WEB_REQUEST_TIMEOUT_MS: "5000" }))).toEqual({
      ...DEFAULT_WEB_LIMITS,
      maxInProgress: 16,
      chatBodyLimitBytes: 65_536,
      headersTimeoutMs: 2_000,
      requestTimeoutMs: 5_000,
    });
    expect(configError({ WEB_MAX_IN_PROGRESS: "0" }).message).toContain("WEB_MAX_IN_PROGRESS");
    expect(configError({ WEB_HEADERS_TIMEOUT_MS: "60000" }).message).toBe("WEB_HEADERS_TIMEOUT_MS (60000) is longer than WEB_REQUEST_TIMEOUT_MS (30000): the headers are part of the request, so lower the first or raise the second.");
  });
});

describe("DingTalk and Feishu settings", () => {
  it("defaults the API addresses and the rate limit", () => {
    expect(loadConfig({})).toMatchObject({ DINGTALK_API_URL: "https://api.dingtalk.com", FEISHU_DOMAIN: "https://open.feishu.cn", CHANNEL_RATE_LIMIT_PER_MINUTE: 10 });
  });

  it("takes both credentials of a channel or neither, and redacts the secrets", () => {
    expect(configError({ DINGTALK_CLIENT_ID: "dingabc" }).message).toMatch(/DINGTALK_CLIENT_SECRET is missing/);
    expect(configError({ FEISHU_APP_SECRET: "feishu-secret-1" }).message).toMatch(/FEISHU_APP_ID is missing/);
    expect(configError({ FEISHU_APP_ID: "app", FEISHU_APP_SECRET: "feishu-secret-1" }).message).toMatch(/FEISHU_APP_ID: must look like cli_/);
    const config = loadConfig({ DINGTALK_CLIENT_ID: "dingabc", DINGTALK_CLIENT_SECRET: "ding-secret-77", FEISHU_APP_ID: "cli_a1b2c3d4e5f60718", FEISHU_APP_SECRET: "feishu-secret-1" });
    expect(secretValues(config)).toEqual(["ding-secret-77", "feishu-secret-1"]);
  });
});
