import { expect, vi } from "vitest";
import type { PlanAssistant } from "../../src/app/assistant.js";
import type { TurnOutcome } from "../../src/channel/answer-turn.js";
import type { ChannelLogger } from "../../src/channel/channel-logger.js";
import type { FeedbackRecord } from "../../src/channel/feedback-store.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { FeishuBot } from "../../src/feishu/create-feishu-bot.js";
import { startFeishuIfConfigured } from "../../src/feishu/start-feishu.js";
import { FAKE_FEISHU, FakeFeishu } from "../fakes/fake-feishu.js";
import { waitFor } from "../support/wait-for.js";

/** What reaches console.* while the SDK runs, captured for the secret checks. */
export const consoleLines: string[] = [];
for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
  vi.spyOn(console, method).mockImplementation((...values: unknown[]) => void consoleLines.push(values.map(String).join(" ")));
}

export interface Harness {
  readonly feishu: FakeFeishu;
  readonly bot: FeishuBot;
  readonly logs: string[];
  readonly outcomes: { outcome: TurnOutcome | "ignored"; messageId: string }[];
  readonly records: FeedbackRecord[];
}

export async function startHarness(assistant: PlanAssistant, options: { progressAfterMs?: number; reconnect?: boolean } = {}): Promise<Harness> {
  const feishu = await new FakeFeishu().start();
  const logs: string[] = [];
  const logger: ChannelLogger = { debug: (line) => logs.push(line), info: (line) => logs.push(line), warn: (line) => logs.push(line), error: (line) => logs.push(line) };
  const outcomes: Harness["outcomes"] = [];
  const records: FeedbackRecord[] = [];
  const config = loadConfig({ FEISHU_APP_ID: FAKE_FEISHU.appId, FEISHU_APP_SECRET: FAKE_FEISHU.appSecret, FEISHU_DOMAIN: feishu.domain, LOG_LEVEL: "debug", CHANNEL_RATE_LIMIT_PER_MINUTE: "1000" });
  const bot = await startFeishuIfConfigured(config, assistant, logger, {
    autoReconnect: options.reconnect ?? false,
    connectTimeoutMs: 10_000,
    retryDelaysMs: [20, 20],
    progressAfterMs: options.progressAfterMs ?? 5_000,
    feedbackStore: { append: async (record) => void records.push(record) },
    onTurn: (outcome, event) => outcomes.push({ outcome, messageId: event.message.message_id }),
  });
  if (!bot) throw new Error("the Feishu bot did not start");
  // The SDK listens for frames once its connection is set up: give it a moment after the socket opens.
  await waitFor("the long connection", () => feishu.connectionCount === 1);
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { feishu, bot, logs, outcomes, records };
}

/** Every text of a card or a text message, joined. */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map(textOf).join("\n");
  if (content && typeof content === "object") return Object.entries(content).filter(([key]) => key !== "value").map(([, value]) => textOf(value)).join("\n");
  return "";
}

/** Button values of a card, in order. */
export function buttonValues(card: unknown): Record<string, unknown>[] {
  const values: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.tag === "button" && record.value) values.push(record.value as Record<string, unknown>);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return values;
}

export const outcomeOf = (harness: Harness, messageId: string) => () => harness.outcomes.find((entry) => entry.messageId === messageId)?.outcome;
export const postsTo = (harness: Harness, messageId: string) => harness.feishu.posts().filter((post) => post.messageId === messageId);

export function expectNoSecret(lines: readonly string[]): void {
  const text = lines.join("\n");
  for (const secret of [FAKE_FEISHU.appSecret, FAKE_FEISHU.tenantToken, FAKE_FEISHU.wsAccessKey, FAKE_FEISHU.wsTicket]) expect(text).not.toContain(secret);
}
