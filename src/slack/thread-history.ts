import type { BotIdentity } from "./classify-message.js";
import { mentionsUser, questionFromMessageText } from "./question-text.js";
import type { ConversationMessage } from "./slack-payloads.js";

/** How many earlier questions are passed to the assistant at most. */
export const MAX_HISTORY_QUESTIONS = 10;
/** A top-level DM conversation: questions from the last 30 minutes count as its history, 5 at most. */
export const DIRECT_MESSAGE_HISTORY = { windowSeconds: 30 * 60, questions: 5 } as const;

export interface HistoryOptions {
  /**
   * Channel threads: keep only messages meant for the bot, i.e. those that mention it and every
   * message after the bot's first reply (from then on the bot answers the thread without mentions).
   * DMs: false, every message is for the bot.
   */
  readonly addressedToBotOnly: boolean;
  readonly limit?: number;
}

/** True when a message was written by this bot (its user id or its bot id). */
export function isFromBot(message: ConversationMessage, bot: BotIdentity): boolean {
  return (bot.botUserId !== undefined && message.user === bot.botUserId) || (bot.botId !== undefined && message.bot_id === bot.botId);
}

/**
 * The earlier user questions of a conversation, oldest first: messages before `beforeTs` that
 * people wrote (no bots, no edits or joins), with the bot mention stripped, empty ones dropped.
 */
export function questionsFromMessages(messages: readonly ConversationMessage[], bot: BotIdentity, beforeTs: string, options: HistoryOptions): string[] {
  const before = sortableTs(beforeTs);
  const ordered = messages.filter((message) => sortableTs(message.ts) < before).sort((left, right) => (sortableTs(left.ts) < sortableTs(right.ts) ? -1 : 1));
  const firstBotReply = ordered.find((message) => isFromBot(message, bot));
  const botJoinedAt = firstBotReply ? sortableTs(firstBotReply.ts) : "~";
  return ordered
    .filter((message) => message.bot_id === undefined && message.user !== undefined && !isFromBot(message, bot))
    .filter((message) => message.subtype === undefined || message.subtype === "thread_broadcast" || message.subtype === "file_share")
    .filter((message) => !options.addressedToBotOnly || sortableTs(message.ts) > botJoinedAt || mentionsUser(message.text ?? "", bot.botUserId))
    .map((message) => questionFromMessageText(message.text ?? "", bot.botUserId))
    .filter((question) => question.length > 0)
    .slice(-(options.limit ?? MAX_HISTORY_QUESTIONS));
}

/**
 * Slack timestamps ("1595926230.009600") as strings that sort in time order. Parsing them as
 * numbers would come close to the limit of a double's precision, so seconds and fraction are padded instead.
 */
export function sortableTs(ts: string): string {
  const [seconds = "", fraction = ""] = ts.split(".");
  return `${seconds.padStart(12, "0")}.${fraction.padEnd(6, "0")}`;
}
