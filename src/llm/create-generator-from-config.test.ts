import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chatPromptText, startFakeModelServer, type FakeModelServer } from "../../test/fakes/fake-model-server.js";
import { generationInput, modelReply } from "../../test/fixtures/grounding-fixtures.js";
import { loadConfig } from "../config/load-config.js";
import { createGeneratorFromConfig } from "./create-generator-from-config.js";

const PROMPTS_DIRECTORY = new URL("../../prompts/", import.meta.url).pathname;

describe("createGeneratorFromConfig", () => {
  let server: FakeModelServer;
  beforeEach(async () => {
    server = await startFakeModelServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it("returns null when no model is configured, without reading the prompts", async () => {
    await expect(createGeneratorFromConfig(loadConfig({}), "/nonexistent/prompts")).resolves.toBeNull();
  });

  it("wires the configured model, the shipped prompts, the timeout and the log redaction", async () => {
    const lines: string[] = [];
    const config = loadConfig({ LLM_PROVIDER: "openai", LLM_BASE_URL: server.openAiBaseUrl, LLM_API_KEY: "sk-wired-secret-99", LLM_MODEL: "glm-4-flash", LLM_TIMEOUT_MS: "5000", LLM_MAX_CONCURRENCY: "1" });
    const generator = await createGeneratorFromConfig(config, PROMPTS_DIRECTORY, { logger: { info: (line) => lines.push(line), warn: (line) => lines.push(line) } });
    expect(generator?.id).toBe(`openai:glm-4-flash@${new URL(server.url).host}`);

    server.enqueueChatReply({ content: modelReply("全区财政教育投入累计84.03亿元。", ["P1"]) }, { status: 401, errorMessage: "Incorrect API key provided: sk-wired-secret-99" });
    await expect(generator!.generate(generationInput())).resolves.toMatchObject({ generator: "llm" });
    await expect(generator!.generate(generationInput())).resolves.toMatchObject({ generator: "extractive", fallback_reason: "model_error" });

    expect(chatPromptText(server.requestsTo("openai-chat")[0]!)).toContain("你是“规划助手”");
    expect(lines.some((line) => line.includes("reason=model_error"))).toBe(true);
    expect(lines.join("\n")).not.toContain("sk-wired-secret-99");
  });

  it("fails fast with PROMPT_INVALID when the prompts are missing", async () => {
    const directory = await mkdtemp(join(tmpdir(), "prompts-"));
    try {
      await writeFile(join(directory, "system.zh.md"), "规则", "utf8");
      const config = loadConfig({ LLM_PROVIDER: "ollama", LLM_BASE_URL: server.url, LLM_MODEL: "qwen2.5:7b" });
      await expect(createGeneratorFromConfig(config, directory)).rejects.toMatchObject({ code: "PROMPT_INVALID" });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
