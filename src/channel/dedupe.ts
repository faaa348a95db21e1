import type { Clock } from "./clock.js";
import { LruMap } from "./lru-map.js";

/** Remembers keys (event ids, channel:ts) for a while so the same delivery (a Slack retry, a DingTalk or Feishu redelivery) is handled once. */
export interface Deduper {
  /** True the first time `key` is claimed within the time-to-live; false for a repeat. */
  claim(key: string): boolean;
}

export interface DeduperOptions {
  readonly clock: Clock;
  /** How long a key is remembered. Slack retries within minutes (3 retries: immediately, 1 min, 5 min); DingTalk and Feishu redeliver unacknowledged events within minutes too. */
  readonly ttlMs?: number;
  readonly capacity?: number;
}

/** An in-memory Deduper: keys expire after `ttlMs`, the least recently seen go first past `capacity`. */
export function createDeduper({ clock, ttlMs = 15 * 60_000, capacity = 10_000 }: DeduperOptions): Deduper {
  const expiries = new LruMap<string, number>(capacity);
  return {
    claim(key) {
      const now = clock.now();
      const expiresAt = expiries.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      expiries.set(key, now + ttlMs);
      return true;
    },
  };
}
