import type { Clock } from "./clock.js";
import { LruMap } from "./lru-map.js";

/**
 * Earlier questions per conversation (see conversationKey), so a follow-up such as 那2022年呢
 * is answered in context. In memory by default (after a restart a conversation starts afresh);
 * with DATABASE_URL in a table every replica reads (src/postgres/channel-stores.ts).
 */
export interface ConversationHistory {
  /**
   * The conversation's earlier questions still within the window, oldest first.
   * @throws PlanAssistantError DATABASE_UNAVAILABLE when a shared store cannot be reached.
   */
  questions(key: string): Promise<string[]>;
  /**
   * Adds a question the bot answered.
   * @throws PlanAssistantError DATABASE_UNAVAILABLE when a shared store cannot be reached.
   */
  add(key: string, question: string): Promise<void>;
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

/** Defaults shared by every implementation: 30 minutes, 10 questions. */
export const HISTORY_WINDOW_MS = 30 * 60_000;
export const HISTORY_LIMIT = 10;

interface AskedQuestion {
  readonly question: string;
  readonly at: number;
}

/** An in-memory ConversationHistory, bounded in conversations, questions and age. */
export function createConversationHistory({ clock, windowMs = HISTORY_WINDOW_MS, limit = HISTORY_LIMIT, capacity = 5_000 }: ConversationHistoryOptions): ConversationHistory {
  const conversations = new LruMap<string, AskedQuestion[]>(capacity);
  const recent = (key: string) => (conversations.get(key) ?? []).filter((asked) => asked.at > clock.now() - windowMs);
  return {
    questions: async (key) => recent(key).map((asked) => asked.question),
    async add(key, question) {
      conversations.set(key, [...recent(key), { question, at: clock.now() }].slice(-limit));
    },
  };
}
