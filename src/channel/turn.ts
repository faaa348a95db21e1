/** The chat platforms the bot talks on. */
export type ChannelName = "slack" | "dingtalk" | "feishu";

/**
 * One message to the bot, the way every channel adapter hands it to the shared services: who
 * asked, where, what, and in which thread. Adapters translate platform events into a Turn.
 */
export interface Turn {
  readonly channel: ChannelName;
  /** The platform's id of the message; a redelivered event carries the same id. */
  readonly messageId: string;
  /** The chat (group, 1:1 conversation) the message was written in. */
  readonly conversationId: string;
  /** Who asked: the platform's user id. */
  readonly userId: string;
  /** The question, with mentions of the bot removed. */
  readonly text: string;
  /** The thread the message sits in, where the platform has threads; null otherwise. */
  readonly threadId: string | null;
  /** A 1:1 chat with the bot (every message is for it), rather than a group. */
  readonly isDirect: boolean;
}

/**
 * The key of a turn's conversation history: a thread is one conversation; a 1:1 chat is one;
 * in a group without threads each sender has their own, so colleagues' questions do not mix.
 */
export function conversationKey(turn: Pick<Turn, "channel" | "conversationId" | "userId" | "threadId" | "isDirect">): string {
  const within = turn.threadId !== null ? `thread:${turn.threadId}` : turn.isDirect ? "direct" : `user:${turn.userId}`;
  return `${turn.channel}:${turn.conversationId}:${within}`;
}
