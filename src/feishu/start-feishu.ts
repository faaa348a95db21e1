import type { PlanAssistant } from "../app/assistant.js";
import type { ChannelLogger } from "../channel/channel-logger.js";
import type { Config } from "../config/load-config.js";
import { type CreateFeishuBotOptions, createFeishuBot, type FeishuBot } from "./create-feishu-bot.js";

/**
 * The entry point for src/main.ts: connects the Feishu / Lark bot when FEISHU_APP_ID and
 * FEISHU_APP_SECRET are set and returns it (stop() finishes answers in progress); returns null
 * when they are not.
 * @throws PlanAssistantError FEISHU_CONFIG when Feishu refuses the app or the connection does not open.
 */
export async function startFeishuIfConfigured(
  config: Config,
  assistant: PlanAssistant,
  logger?: ChannelLogger,
  overrides: Omit<CreateFeishuBotOptions, "config" | "assistant" | "logger"> = {},
): Promise<FeishuBot | null> {
  if (!config.FEISHU_APP_ID || !config.FEISHU_APP_SECRET) return null;
  const bot = createFeishuBot({ ...overrides, config, assistant, ...(logger ? { logger } : {}) });
  await bot.start();
  return bot;
}
