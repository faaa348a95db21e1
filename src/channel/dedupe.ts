import type { Clock } from "./clock.js";
import { LruMap } from "./lru-map.js";

/**
 * Remembers keys (event ids, channel:ts) for a while so the same delivery (a Slack retry, a
 * DingTalk or Feishu redelivery) is handled once. In memory by default; with DATABASE_URL every
 * replica claims in one table (src/postgres/channel-stores.ts), so a retry that reaches another
 * replica is dropped too.
 */
export interface Deduper {
  /**
   * Resolves true the first time `key` is claimed within the time-to-live, false for a repeat.
   * @throws PlanAssistantError DATABASE_UNAVAILABLE when a shared store cannot be reached.
   */
  claim(key: string): Promise<boolean>;
}

export interface DeduperOptions {
  readonly clock: Clock;
  /** How long a key is remembered. Slack retries within minutes (3 retries: immediately, 1 min, 5 min); DingTalk and Feishu redeliver unacknowledged events within minutes too. */
  readonly ttlMs?: number;
  readonly capacity?: number;
}

/** Default time-to-live of a claimed key: 15 minutes. */
export const DEDUPE_TTL_MS = 15 * 60_000;

/** An in-memory Deduper: keys expire after `ttlMs`, the least recently seen go first past `capacity`. */
export function createDeduper({ clock, ttlMs = DEDUPE_TTL_MS, capacity = 10_000 }: DeduperOptions): Deduper {
  const expiries = new LruMap<string, number>(capacity);
  return {
    async claim(key) {
      const now = clock.now();
      const expiresAt = expiries.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      expiries.set(key, now + ttlMs);
      return true;
    },
  };
}
