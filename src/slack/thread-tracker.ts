import type { Clock } from "../channel/clock.js";
import { LruMap } from "../channel/lru-map.js";

/**
 * Threads this bot has answered in, so a follow-up there needs no new @mention.
 * In memory only: after a restart (or on another instance behind a load balancer) the listener
 * reads the thread with conversations.replies, and remembers for a minute that a thread is
 * not the bot's, so a busy thread costs at most one such call a minute.
 */
export interface ThreadTracker {
  remember(channel: string, threadTs: string): void;
  has(channel: string, threadTs: string): boolean;
  /** The thread was read and the bot is not in it. */
  rememberNotIn(channel: string, threadTs: string): void;
  /** True while a "not in it" answer is recent enough to trust. */
  knownNotIn(channel: string, threadTs: string): boolean;
}

export interface ThreadTrackerOptions {
  readonly clock: Clock;
  readonly capacity?: number;
  /** How long "the bot is not in this thread" is trusted before the thread is read again. */
  readonly notInTtlMs?: number;
}

export function createThreadTracker({ clock, capacity = 5_000, notInTtlMs = 60_000 }: ThreadTrackerOptions): ThreadTracker {
  /** true: the bot is in the thread; a number: the bot was not in it, trusted until that time. */
  const threads = new LruMap<string, true | number>(capacity);
  const key = (channel: string, threadTs: string) => `${channel}:${threadTs}`;
  return {
    remember: (channel, threadTs) => void threads.set(key(channel, threadTs), true),
    has: (channel, threadTs) => threads.get(key(channel, threadTs)) === true,
    rememberNotIn(channel, threadTs) {
      if (threads.get(key(channel, threadTs)) !== true) threads.set(key(channel, threadTs), clock.now() + notInTtlMs);
    },
    knownNotIn(channel, threadTs) {
      const entry = threads.get(key(channel, threadTs));
      return typeof entry === "number" && entry > clock.now();
    },
  };
}
