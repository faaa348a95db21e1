import { LruMap } from "./lru-map.js";

/**
 * Threads this bot has answered in, so a follow-up there needs no new @mention.
 * In memory only: after a restart (or on another instance behind a load balancer) the
 * listener falls back to reading the thread with conversations.replies.
 */
export interface ThreadTracker {
  remember(channel: string, threadTs: string): void;
  has(channel: string, threadTs: string): boolean;
}

export function createThreadTracker(capacity = 5_000): ThreadTracker {
  const threads = new LruMap<string, true>(capacity);
  const key = (channel: string, threadTs: string) => `${channel}:${threadTs}`;
  return {
    remember: (channel, threadTs) => void threads.set(key(channel, threadTs), true),
    has: (channel, threadTs) => threads.get(key(channel, threadTs)) === true,
  };
}
