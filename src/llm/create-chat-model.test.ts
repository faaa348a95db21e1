import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chatPromptText, startFakeModelServer, type FakeModelServer } from "../../test/fakes/fake-model-server.js";
import { generationInput, INVESTMENT_QUESTION, INVESTMENT_TEXT, modelReply, PASSAGES } from "../../test/fixtures/grounding-fixtures.js";
import { loadConfig } from "../config/load-config.js";
import { chatModelId, createChatModel } from "./create-chat-model.js";
import { createGroundedGenerator } from "./generate-grounded-answer.js";
import { loadPrompts } from "./load-prompts.js";

const PROMPTS_DIRECTORY = new URL("../../prompts/", import.meta.url).pathname;
const ANSWER = "2016年至2020年，全区财政教育投入累计84.03亿元。";

describe("createChatModel", () => {
  let server: FakeModelServer;
  beforeEach(async () => {
    server = await startFakeModelServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it("returns null for LLM_PROVIDER=none", () => {
    expect(createChatModel(loadConfig({}))).toBeNull();
    expect(chatModelId(loadConfig({}))).toBeNull();
  });

  it("builds ChatOpenAI for openai and ChatOllama for ollama, with ids naming provider, model and host", () => {
    const openai = loadConfig({ LLM_PROVIDER: "openai", LLM_API_KEY: "sk-x", LLM_MODEL: "gpt-4o-mini" });
    expect(createChatModel(openai)).toBeInstanceOf(ChatOpenAI);
    expect(chatModelId(openai)).toBe("openai:gpt-4o-mini@api.openai.com");
    const ollama = loadConfig({ LLM_PROVIDER: "ollama", LLM_MODEL: "qwen2.5:7b" });
    expect(createChatModel(ollama)).toBeInstanceOf(ChatOllama);
    expect(chatModelId(ollama)).toBe("ollama:qwen2.5:7b@127.0.0.1:11434");
  });

  it("talks to an OpenAI-compatible server without a key (a local server), sending a placeholder", async () => {
    server.enqueueChatReply({ content: "你好" });
    const model = createChatModel(loadConfig({ LLM_PROVIDER: "openai", LLM_BASE_URL: server.openAiBaseUrl, LLM_MODEL: "deepseek-chat" }))!;
    const reply = await model.invoke("你好");
    expect(reply.text).toBe("你好");
    const [request] = server.requestsTo("openai-chat");
    expect(request!.body).toMatchObject({ model: "deepseek-chat", stream: false, temperature: 0.1 });
    expect(request!.headers.authorization).toBe("Bearer no-key");
  });

  it("answers through an Ollama-shaped server: /api/chat, JSON mode, streamed reply used", async () => {
    server.enqueueChatReply({ content: modelReply(ANSWER, ["P1"]) });
    const config = loadConfig({ LLM_PROVIDER: "ollama", LLM_BASE_URL: server.url, LLM_MODEL: "qwen2.5:7b-instruct", LLM_API_KEY: "proxy-secret-123" });
    const generator = createGroundedGenerator({ model: createChatModel(config)!, prompts: await loadPrompts(PROMPTS_DIRECTORY), timeoutMs: config.LLM_TIMEOUT_MS, maxConcurrency: 1 });

    const answer = await generator.generate(generationInput());
    expect(answer).toMatchObject({ answer: ANSWER, generator: "llm", citations: [PASSAGES[0]!.citation] });

    const [request] = server.requestsTo("ollama-chat");
    expect(request!.path).toBe("/api/chat");
    expect(request!.body).toMatchObject({ model: "qwen2.5:7b-instruct", format: "json", stream: true, messages: [{ role: "system" }, { role: "user" }] });
    expect(request!.headers.authorization).toBe("Bearer proxy-secret-123");
    const prompt = chatPromptText(request!);
    expect(prompt).toContain(INVESTMENT_QUESTION);
    expect(prompt).toContain(INVESTMENT_TEXT);
  });

  it("gives up on a slow Ollama server at the timeout", async () => {
    server.enqueueChatReply({ content: modelReply(ANSWER, ["P1"]), delayMs: 10_000 });
    const config = loadConfig({ LLM_PROVIDER: "ollama", LLM_BASE_URL: server.url, LLM_MODEL: "qwen2.5:7b", LLM_TIMEOUT_MS: "300" });
    const generator = createGroundedGenerator({ model: createChatModel(config)!, prompts: await loadPrompts(PROMPTS_DIRECTORY), timeoutMs: config.LLM_TIMEOUT_MS, maxConcurrency: 1 });
    const started = Date.now();
    await expect(generator.generate(generationInput())).resolves.toMatchObject({ generator: "extractive", fallback_reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
