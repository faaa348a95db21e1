import type { Clock } from "./clock.js";
import { LruMap } from "./lru-map.js";

/**
 * Earlier questions per conversation (see conversationKey), so a follow-up such as 那2022年呢
 * is answered in context. In memory: after a restart a conversation starts afresh.
 */
export interface ConversationHistory {
  /** The conversation's earlier questions still within the window, oldest first. */
  questions(key: string): string[];
  /** Adds a question the bot answered. */
  add(key: string, question: string): void;
}

export interface ConversationHistoryOptions {
  readonly clock: Clock;
  /** Questions older than this no longer count; default 30 minutes. */
  readonly windowMs?: number;
  /** Questions kept per conversation; default 10. */
  readonly limit?: number;
  /** Conversations remembered at once; the least recently active are forgotten first. */
  readonly capacity?: number;
}

interface AskedQuestion {
  readonly question: string;
  readonly at: number;
}

/** An in-memory ConversationHistory, bounded in conversations, questions and age. */
export function createConversationHistory({ clock, windowMs = 30 * 60_000, limit = 10, capacity = 5_000 }: ConversationHistoryOptions): ConversationHistory {
  const conversations = new LruMap<string, AskedQuestion[]>(capacity);
  const recent = (key: string) => (conversations.get(key) ?? []).filter((asked) => asked.at > clock.now() - windowMs);
  return {
    questions: (key) => recent(key).map((asked) => asked.question),
    add(key, question) {
      conversations.set(key, [...recent(key), { question, at: clock.now() }].slice(-limit));
    },
  };
}
