import type { PlanAssistant } from "../app/assistant.js";
import type { ChannelLogger } from "../channel/channel-logger.js";
import type { Config } from "../config/load-config.js";
import { type CreateDingTalkBotOptions, createDingTalkBot, type DingTalkBot } from "./create-dingtalk-bot.js";

/**
 * The entry point for src/main.ts: connects the DingTalk robot when DINGTALK_CLIENT_ID and
 * DINGTALK_CLIENT_SECRET are set and returns it (stop() finishes answers in progress); returns
 * null when they are not.
 * @throws PlanAssistantError DINGTALK_CONFIG when DingTalk refuses the credentials.
 */
export async function startDingTalkIfConfigured(
  config: Config,
  assistant: PlanAssistant,
  logger?: ChannelLogger,
  overrides: Omit<CreateDingTalkBotOptions, "config" | "assistant" | "logger"> = {},
): Promise<DingTalkBot | null> {
  if (!config.DINGTALK_CLIENT_ID || !config.DINGTALK_CLIENT_SECRET) return null;
  const bot = createDingTalkBot({ ...overrides, config, assistant, ...(logger ? { logger } : {}) });
  await bot.start();
  return bot;
}
