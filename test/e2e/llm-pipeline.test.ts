import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssistant, type AnswerRewriter, type LoadedAssistant } from "../../src/app/create-assistant.js";
import { loadConfig } from "../../src/config/load-config.js";
import { createGeneratorFromConfig } from "../../src/llm/create-generator-from-config.js";
import { chatPromptText, startFakeModelServer, type FakeModelServer } from "../fakes/fake-model-server.js";
import { SEEDS_DIR } from "../support/real-assistant.js";

// The whole pipeline with a real LangChain ChatOpenAI client talking to a scripted server on loopback.
let server: FakeModelServer;
let assistant: LoadedAssistant;
const API_KEY = "sk-test-secret-value-123";

beforeAll(async () => {
  server = await startFakeModelServer();
  const config = loadConfig({ LLM_PROVIDER: "openai", LLM_BASE_URL: server.openAiBaseUrl, LLM_API_KEY: API_KEY, LLM_MODEL: "qwen-test", LLM_TIMEOUT_MS: "800" });
  const generator = (await createGeneratorFromConfig(config, join(import.meta.dirname, "..", "..", "prompts")))!;
  const rewriter: AnswerRewriter = {
    id: generator.id,
    rewrite: ({ answer, evidence }) => generator.generate({ question: answer.question, intent: answer.intent, extractive: answer, passages: evidence.passages, lookups: evidence.lookups }),
  };
  assistant = await createAssistant({ seedsDir: SEEDS_DIR, indexDir: mkdtempSync(join(tmpdir(), "plan-index-")), rewriter });
});

afterAll(async () => {
  await server.close();
});

describe("answers phrased by a language model, checked against the plan", () => {
  it("uses a grounded answer that keeps the table's figure", async () => {
    server.enqueueChatReply({ content: JSON.stringify({ answer: "按照规划，2025年学前三年毛入园率的目标是≥94.0%，属于预期性指标。", passages: ["P1"] }) });
    const answer = await assistant.answer("2025年学前三年毛入园率目标是多少？");
    expect(answer.generator).toBe("llm");
    expect(answer.answer).toContain("≥94.0%");
    expect(answer.citations[0]!.table).toContain("指标体系表");
    const prompt = chatPromptText(server.requestsTo("openai-chat").at(-1)!);
    expect(prompt).toContain("学前三年毛入园率");
    expect(prompt).toContain("[P1]");
    expect((server.requestsTo("openai-chat").at(-1)!.body as { model: string }).model).toBe("qwen-test");
  });

  it("rejects an invented number and falls back to the extractive answer", async () => {
    server.enqueueChatReply({ content: JSON.stringify({ answer: "规划要求2025年学前三年毛入园率达到97%。", passages: ["P1"] }) });
    const answer = await assistant.answer("2025年学前三年毛入园率目标是多少？");
    expect(answer.generator).toBe("extractive");
    expect(answer.fallback_reason).toBe("unsupported_number");
    expect(answer.answer).toContain("≥94.0%");
    expect(answer.answer).not.toContain("97%");
  });

  it("rejects a citation of a passage it was not given, and invalid JSON", async () => {
    server.enqueueChatReply({ content: JSON.stringify({ answer: "校外培训机构实行黑白名单制度。", passages: ["P99"] }) });
    const unknown = await assistant.answer("校外培训机构怎么管？");
    expect(unknown.fallback_reason).toBe("unknown_passage");
    expect(unknown.citations[0]).toMatchObject({ chapter: "第十四章", section: "第二节" });
    server.enqueueChatReply({ content: "这不是JSON" });
    const invalid = await assistant.answer("校外培训机构怎么管？");
    expect(invalid.fallback_reason).toBe("invalid_output");
  });

  it("falls back when the model is slower than the timeout", async () => {
    server.enqueueChatReply({ content: JSON.stringify({ answer: "慢", passages: ["P1"] }), delayMs: 3000 });
    const answer = await assistant.answer("都梁中学是新建还是改扩建？");
    expect(answer.fallback_reason).toBe("timeout");
    expect(answer.answer).toContain("新建");
  });

  it("never calls the model for a question outside the plan", async () => {
    const before = server.requestsTo("openai-chat").length;
    const answer = await assistant.answer("帮我写一首关于春天的诗");
    expect(answer.found).toBe(false);
    expect(server.requestsTo("openai-chat").length).toBe(before);
  });
});
