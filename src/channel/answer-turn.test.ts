import { describe, expect, it } from "vitest";
import { createFakeAssistant } from "../../test/fakes/fake-assistant.js";
import type { Answer } from "../answer/answer-schema.js";
import { loadConfig } from "../config/load-config.js";
import { PlanAssistantError } from "../errors.js";
import { answerTurn, type TurnReplier } from "./answer-turn.js";
import { CHANNEL_REPLIES } from "./channel-replies.js";
import { createChannelServices } from "./channel-services.js";
import type { FeedbackRecord } from "./feedback-store.js";
import type { Turn } from "./turn.js";

function setup(overrides: { progressAfterMs?: number; limit?: number } = {}) {
  const assistant = createFakeAssistant();
  const records: FeedbackRecord[] = [];
  const lines: string[] = [];
  const logger = { debug: (line: string) => lines.push(line), info: (line: string) => lines.push(line), warn: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
  const config = loadConfig({ CHANNEL_RATE_LIMIT_PER_MINUTE: String(overrides.limit ?? 10), LOG_LEVEL: "debug" });
  const services = createChannelServices(config, assistant, { logger, feedbackStore: { append: async (record) => void records.push(record) }, progressAfterMs: overrides.progressAfterMs ?? 1_000, retryDelaysMs: [1, 1] });
  const sent: { kind: string; text: string; placeholder?: string }[] = [];
  let failures = 0;
  const replier: TurnReplier<string> = {
    async sendAnswer(answer: Answer, { placeholder }) {
      if (failures > 0) {
        failures -= 1;
        throw Object.assign(new Error("platform busy"), { status: 503 });
      }
      sent.push({ kind: "answer", text: answer.answer, ...(placeholder ? { placeholder } : {}) });
    },
    async sendText(text) {
      sent.push({ kind: "text", text });
    },
    async sendPlaceholder() {
      sent.push({ kind: "placeholder", text: "working" });
      return "placeholder-1";
    },
  };
  return { assistant, services, sent, records, lines, replier, failNextAnswers: (count: number) => (failures = count) };
}

const turn = (messageId: string, text: string, extra: Partial<Turn> = {}): Turn => ({ channel: "dingtalk", messageId, conversationId: "c1", userId: "u1", text, threadId: null, isDirect: true, ...extra });

describe("answerTurn", () => {
  it("answers once per message id and passes the conversation's earlier questions", async () => {
    const { assistant, services, sent, replier } = setup();
    expect(await answerTurn(services, turn("m1", "2025年学前三年毛入园率目标是多少"), replier)).toBe("answered");
    expect(await answerTurn(services, turn("m1", "2025年学前三年毛入园率目标是多少"), replier)).toBe("duplicate");
    expect(await answerTurn(services, turn("m2", "那2022年呢"), replier)).toBe("answered");
    expect(assistant.answerCalls.map((call) => call.history)).toEqual([[], ["2025年学前三年毛入园率目标是多少"]]);
    expect(sent.map((message) => message.kind)).toEqual(["answer", "answer"]);
    expect(sent[1]?.text).toContain("92.8");
  });

  it("replaces a placeholder when the answer is slow", async () => {
    const { assistant, services, sent, replier } = setup({ progressAfterMs: 5 });
    const release = assistant.holdNext();
    const done = answerTurn(services, turn("m1", "2025年学前三年毛入园率目标是多少"), replier);
    await new Promise((resolve) => setTimeout(resolve, 30));
    release();
    await done;
    expect(sent.map((message) => message.kind)).toEqual(["placeholder", "answer"]);
    expect(sent[1]?.placeholder).toBe("placeholder-1");
  });

  it("retries a failed reply, then apologises; a failing assistant gets the apology too", async () => {
    const { assistant, services, sent, replier, failNextAnswers, lines } = setup();
    failNextAnswers(1);
    expect(await answerTurn(services, turn("m1", "2025年学前三年毛入园率目标是多少"), replier)).toBe("answered");
    failNextAnswers(3);
    expect(await answerTurn(services, turn("m2", "2025年学前三年毛入园率目标是多少"), replier)).toBe("failed");
    assistant.failNext(new Error("index broken"));
    expect(await answerTurn(services, turn("m3", "规划的总体目标是什么"), replier)).toBe("failed");
    expect(sent.map((message) => message.kind)).toEqual(["answer", "text", "text"]);
    expect(sent[1]?.text).toMatch(/^抱歉/);
    expect(lines.some((line) => line.includes("platform busy"))).toBe(true);
  });

  it("limits each user politely, once per blocked stretch, and records unanswered questions", async () => {
    const { services, sent, replier, records } = setup({ limit: 1 });
    await answerTurn(services, turn("m1", "明天天气怎么样"), replier);
    await answerTurn(services, turn("m2", "第二问"), replier);
    await answerTurn(services, turn("m3", "第三问"), replier);
    expect(sent.map((message) => message.kind)).toEqual(["answer", "text"]);
    expect(sent[1]?.text).toMatch(/频繁/);
    expect(records.map((record) => [record.kind, record.channel])).toEqual([["unanswered", "dingtalk:c1"]]);
  });

  it("apologises with 数据库暂时不可用 when the shared store is down, and answers the same message once it is back", async () => {
    const { services: base, sent, replier } = setup();
    let down = true;
    const unavailable = () => new PlanAssistantError("DATABASE_UNAVAILABLE", "PostgreSQL at db:5432/plans (DATABASE_URL) is unreachable");
    const claimed = new Set<string>();
    const services = {
      ...base,
      deduper: { claim: async (key: string) => (down ? Promise.reject(unavailable()) : !claimed.has(key) && Boolean(claimed.add(key))) },
      history: { questions: async () => (down ? Promise.reject(unavailable()) : []), add: async () => {} },
    };
    expect(await answerTurn(services, turn("m1", "2025年学前三年毛入园率目标是多少"), replier)).toBe("failed");
    expect(sent).toEqual([{ kind: "text", text: CHANNEL_REPLIES.databaseUnavailable }]);
    down = false;
    expect(await answerTurn(services, turn("m1", "2025年学前三年毛入园率目标是多少"), replier)).toBe("answered");
    expect(await answerTurn(services, turn("m1", "2025年学前三年毛入园率目标是多少"), replier)).toBe("duplicate");
  });
});
