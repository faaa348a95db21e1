import { expect, vi } from "vitest";
import type { PlanAssistant } from "../../src/app/assistant.js";
import type { TurnOutcome } from "../../src/channel/answer-turn.js";
import type { ChannelLogger } from "../../src/channel/channel-logger.js";
import type { ChannelStores } from "../../src/channel/channel-services.js";
import type { FeedbackRecord } from "../../src/channel/feedback-store.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { DingTalkBot } from "../../src/dingtalk/create-dingtalk-bot.js";
import { startDingTalkIfConfigured } from "../../src/dingtalk/start-dingtalk.js";
import { FAKE_DINGTALK, FakeDingTalk } from "../fakes/fake-dingtalk.js";
import { waitFor } from "../support/wait-for.js";

/** The DingTalk robot started against a fresh fake DingTalk, with its logs, outcomes and feedback recorded. */

/** What the SDK writes with console.* (it logs connects and socket errors there), captured for the secret checks. */
export const consoleLines: string[] = [];
for (const method of ["log", "info", "warn", "error", "debug"] as const) {
  vi.spyOn(console, method).mockImplementation((...values: unknown[]) => void consoleLines.push(values.map(String).join(" ")));
}

export interface Harness {
  readonly dingtalk: FakeDingTalk;
  readonly bot: DingTalkBot;
  readonly logs: string[];
  readonly outcomes: { outcome: TurnOutcome | "ignored"; msgId: string }[];
  readonly records: FeedbackRecord[];
}

export async function startHarness(assistant: PlanAssistant, options: { progressAfterMs?: number; reconnect?: boolean; env?: Record<string, string>; stores?: Partial<ChannelStores> } = {}): Promise<Harness> {
  const dingtalk = await new FakeDingTalk().start();
  const logs: string[] = [];
  const logger: ChannelLogger = { debug: (line) => logs.push(line), info: (line) => logs.push(line), warn: (line) => logs.push(line), error: (line) => logs.push(line) };
  const outcomes: Harness["outcomes"] = [];
  const records: FeedbackRecord[] = [];
  const config = loadConfig({ DINGTALK_CLIENT_ID: FAKE_DINGTALK.clientId, DINGTALK_CLIENT_SECRET: FAKE_DINGTALK.clientSecret, DINGTALK_API_URL: dingtalk.apiUrl, LOG_LEVEL: "debug", CHANNEL_RATE_LIMIT_PER_MINUTE: "1000", ...options.env });
  const bot = await startDingTalkIfConfigured(config, assistant, logger, {
    autoReconnect: options.reconnect ?? false,
    reconnectBackoff: { baseMs: 50, maxMs: 400, jitter: 0 },
    retryDelaysMs: [20, 20],
    progressAfterMs: options.progressAfterMs ?? 5_000,
    feedbackStore: { append: async (record) => void records.push(record) },
    onTurn: (outcome, message) => outcomes.push({ outcome, msgId: message.msgId }),
    ...options.stores,
  });
  if (!bot) throw new Error("the DingTalk bot did not start");
  await waitFor("the stream connection", () => dingtalk.connectionCount === 1);
  return { dingtalk, bot, logs, outcomes, records };
}

export const outcomeOf = (harness: Harness, msgId: string) => () => harness.outcomes.find((entry) => entry.msgId === msgId)?.outcome;

export function expectNoSecret(lines: readonly string[]): void {
  const text = lines.join("\n");
  for (const secret of [FAKE_DINGTALK.clientSecret, FAKE_DINGTALK.accessToken, "session=session-"]) expect(text).not.toContain(secret);
}
