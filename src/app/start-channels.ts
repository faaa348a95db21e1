import type { PlanAssistant } from "./assistant.js";
import type { ChannelLogger } from "../channel/channel-logger.js";
import type { ListenOptions } from "node:net";
import type { ChannelStores } from "../channel/channel-services.js";
import { createJsonlFeedbackStore, feedbackFilePath } from "../channel/feedback-store.js";
import type { Config } from "../config/load-config.js";
import type { SlackStartInfo } from "../slack/create-slack-app.js";

/** A started chat channel. */
export interface RunningChannel {
  readonly name: "web" | "slack" | "dingtalk" | "feishu";
  /** Stops taking messages and finishes answers in progress. */
  stop(): Promise<void>;
}

/**
 * What the channels share: the stores (one feedback store, written through one queue, whichever
 * channel or the web page the click came from, default FEEDBACK_FILE; with DATABASE_URL also
 * dedupe and history in PostgreSQL), and where Slack listens.
 */
export interface ChannelStartOptions extends Partial<ChannelStores> {
  /** Where Slack's HTTP mode listens (behind the web server's /slack/events). */
  readonly slackListen?: ListenOptions;
  /** Told where Slack started (HTTP mode: its port). */
  readonly onSlackStarted?: (info: SlackStartInfo) => void;
}

/**
 * Starts every configured channel (Slack, DingTalk, Feishu) at once and returns those running;
 * [] when none is configured. Each adapter loads only when its variables are set.
 * @throws the first start-up error (a channel refusing its credentials), after stopping the channels that did start.
 */
export async function startChannels(config: Config, assistant: PlanAssistant, logger: ChannelLogger, options: ChannelStartOptions = {}): Promise<RunningChannel[]> {
  // Shared state (PostgreSQL with DATABASE_URL) goes to every adapter; what is absent each adapter keeps in memory.
  const feedbackStore = options.feedbackStore ?? createJsonlFeedbackStore(feedbackFilePath(config));
  const deduper = options.deduper ? { deduper: options.deduper } : {};
  const shared = { feedbackStore, ...deduper, ...(options.history ? { history: options.history } : {}) };
  const starts = await Promise.allSettled([
    import("../slack/start-slack.js").then(async (module) => {
      const slack = await module.startSlackIfConfigured(config, assistant, logger, { feedbackStore, ...deduper }, options.slackListen);
      if (slack) options.onSlackStarted?.(slack.info);
      return named("slack", slack);
    }),
    config.DINGTALK_CLIENT_ID ? import("../dingtalk/start-dingtalk.js").then(async (module) => named("dingtalk", await module.startDingTalkIfConfigured(config, assistant, logger, shared))) : null,
    config.FEISHU_APP_ID ? import("../feishu/start-feishu.js").then(async (module) => named("feishu", await module.startFeishuIfConfigured(config, assistant, logger, shared))) : null,
  ]);
  const running = starts.flatMap((start) => (start.status === "fulfilled" && start.value ? [start.value] : []));
  const failure = starts.find((start) => start.status === "rejected");
  if (failure) {
    await Promise.allSettled(running.map((channel) => channel.stop()));
    throw failure.reason;
  }
  return running;
}

function named(name: RunningChannel["name"], channel: { stop(): Promise<void> } | null): RunningChannel | null {
  return channel ? { name, stop: () => channel.stop() } : null;
}

/** All running channels as one thing to stop (for stopOnSignals). */
export function stopAll(channels: readonly RunningChannel[]): { stop(): Promise<void> } {
  return { stop: async () => void (await Promise.all(channels.map((channel) => channel.stop()))) };
}
