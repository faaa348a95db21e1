import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoadedAssistant } from "../app/create-assistant.js";
import { formatAnswerText } from "../cli/format-answer.js";
import { REPO_ROOT } from "../../test/support/bot-process.js";
import { realAssistant, SEEDS_DIR } from "../../test/support/real-assistant.js";
import { startTestWebServer, type TestWebServer } from "../../test/support/web-server.js";
import { ASSISTANT_MODEL_ID } from "./chat-completion.js";

const API_KEY = "test-key-0123456789";
let assistant: LoadedAssistant;
let server: TestWebServer;
let client: OpenAI;

beforeAll(async () => {
  assistant = await realAssistant();
  server = await startTestWebServer({ assistant, apiKey: API_KEY });
  client = new OpenAI({ apiKey: API_KEY, baseURL: `${server.url}v1`, maxRetries: 0 });
});
afterAll(() => server?.stop());

const FIRST = "2025年学前三年毛入园率目标是多少";
const FOLLOW_UP = "那2022年呢";

describe("OpenAI-compatible API with the official openai client over loopback", () => {
  it("lists the assistant as a model", async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual([ASSISTANT_MODEL_ID]);
  });

  it("answers the last user message with earlier user messages as history, the same answer as ask --json, with its sources as text", async () => {
    const completion = await client.chat.completions.create({
      model: ASSISTANT_MODEL_ID,
      messages: [
        { role: "system", content: "你是规划助手" },
        { role: "user", content: FIRST },
        { role: "assistant", content: "…" },
        { role: "user", content: FOLLOW_UP },
      ],
    });
    const expected = await assistant.answer(FOLLOW_UP, [FIRST]);
    expect(expected.answer).toContain("92.8");
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.choices[0]?.message.content).toBe(formatAnswerText(expected));
    expect(completion.choices[0]?.message.content).toContain("出处：");
    expect((completion as unknown as { plan_answer: unknown }).plan_answer).toEqual(expected);
  });

  it("streams the same text as server-sent events ending with [DONE]", async () => {
    const stream = await client.chat.completions.create({ model: ASSISTANT_MODEL_ID, messages: [{ role: "user", content: FIRST }], stream: true });
    let text = "";
    const finishReasons: (string | null)[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finishReasons.push(chunk.choices[0]?.finish_reason ?? null);
    }
    const expected = await assistant.answer(FIRST, []);
    expect(expected.answer).toContain("94.0");
    expect(text).toBe(formatAnswerText(expected));
    expect(finishReasons.at(-1)).toBe("stop");
    expect(finishReasons.length).toBeGreaterThan(2);
    // The raw stream ends with the [DONE] sentinel.
    const raw = await fetch(`${server.url}v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" }, body: JSON.stringify({ messages: [{ role: "user", content: FIRST }], stream: true }) });
    expect(raw.headers.get("content-type")).toContain("text/event-stream");
    expect(await raw.text()).toMatch(/data: \[DONE\]\n\n$/);
  });

  it("POST /api/ask gives the same answer JSON, follow-up included", async () => {
    const ask = (body: unknown) => fetch(`${server.url}api/ask`, { method: "POST", headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" }, body: JSON.stringify(body) }).then((response) => response.json());
    expect(await ask({ question: FIRST })).toEqual(await assistant.answer(FIRST, []));
    const followUp = await ask({ question: FOLLOW_UP, history: [FIRST] });
    expect(followUp).toEqual(await assistant.answer(FOLLOW_UP, [FIRST]));
    expect(followUp.answer).toContain("92.8");
  });

  it("gives the same JSON as the ask --json command, for curl and for the openai client", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "plan-ask-"));
    const { stdout } = await promisify(execFile)(process.execPath, ["scripts/run.mjs", "src/cli/ask.ts", "--json", FIRST], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", SEEDS_DIR, INDEX_DIR: join(scratch, "index"), ENV_FILE: join(scratch, "no.env") },
    });
    const fromCommand = JSON.parse(stdout);
    const fromApi = await fetch(`${server.url}api/ask`, { method: "POST", headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" }, body: JSON.stringify({ question: FIRST }) }).then((response) => response.json());
    expect(fromApi).toEqual(fromCommand);
    const completion = await client.chat.completions.create({ model: ASSISTANT_MODEL_ID, messages: [{ role: "user", content: FIRST }] });
    expect((completion as unknown as { plan_answer: unknown }).plan_answer).toEqual(fromCommand);
    expect(completion.choices[0]?.message.content).toBe(formatAnswerText(fromCommand));
  });

  it("reports a wrong key and a conversation without a user message as OpenAI client errors", async () => {
    const wrongKey = new OpenAI({ apiKey: "wrong-key-0123456789", baseURL: `${server.url}v1`, maxRetries: 0 });
    await expect(wrongKey.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(client.chat.completions.create({ model: ASSISTANT_MODEL_ID, messages: [{ role: "system", content: "只有系统消息" }] })).rejects.toMatchObject({ status: 400 });
  });
});
