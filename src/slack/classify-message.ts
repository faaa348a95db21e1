import { mentionsUser } from "./question-text.js";
import type { MessageEvent } from "./slack-payloads.js";

/** Who the bot is, as auth.test reported it. */
export interface BotIdentity {
  readonly botUserId: string | undefined;
  readonly botId: string | undefined;
}

/** Subtypes that are still a person writing a new message. Every other subtype (edits, deletions, joins, bot_message…) is ignored. */
const ANSWERABLE_SUBTYPES = new Set(["thread_broadcast", "file_share"]);

export type MessageKind =
  /** A direct message to the bot: always answered. */
  | { readonly kind: "direct-message" }
  /** A reply in a channel thread without a mention: answered only if the bot is in that thread. */
  | { readonly kind: "thread-reply"; readonly threadTs: string }
  | { readonly kind: "ignore"; readonly reason: "bot" | "self" | "subtype" | "no-user" | "mention" | "channel-top-level" };

/**
 * Decides what a `message` event is to the bot. Pure; the listener acts on the result.
 * Mentions in channels are left to the app_mention listener, so they are not answered twice.
 */
export function classifyMessage(message: MessageEvent, bot: BotIdentity): MessageKind {
  if (message.subtype !== undefined && !ANSWERABLE_SUBTYPES.has(message.subtype)) return { kind: "ignore", reason: "subtype" };
  if (message.bot_id !== undefined) return { kind: "ignore", reason: "bot" };
  if (message.user === undefined) return { kind: "ignore", reason: "no-user" };
  if (bot.botUserId !== undefined && message.user === bot.botUserId) return { kind: "ignore", reason: "self" };
  if (message.channel_type === "im") return { kind: "direct-message" };
  if (mentionsUser(message.text ?? "", bot.botUserId)) return { kind: "ignore", reason: "mention" };
  if (message.thread_ts !== undefined && message.thread_ts !== message.ts) return { kind: "thread-reply", threadTs: message.thread_ts };
  return { kind: "ignore", reason: "channel-top-level" };
}
