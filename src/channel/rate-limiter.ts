import type { Clock } from "./clock.js";
import { LruMap } from "./lru-map.js";

export type RateDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** Whole seconds until the user may ask again (at least 1). */
      readonly retryAfterSeconds: number;
      /** True only for the first refusal of a blocked stretch, so the polite message is not repeated for every message. */
      readonly notify: boolean;
    };

/** Per-user limit on questions. */
export interface RateLimiter {
  check(userId: string): RateDecision;
}

export interface RateLimiterOptions {
  /** Questions allowed per user within the window. */
  readonly limit: number;
  readonly windowMs?: number;
  readonly clock: Clock;
  /** Users tracked at once; the least recently active are forgotten first. */
  readonly capacity?: number;
}

interface UserWindow {
  /** Times of the allowed questions inside the window, oldest first. */
  times: number[];
  /** The refusal message was sent for the stretch that ends at this time. */
  notifiedUntil: number;
}

/** A sliding-window limiter: at most `limit` questions in any `windowMs`. */
export function createRateLimiter({ limit, windowMs = 60_000, clock, capacity = 10_000 }: RateLimiterOptions): RateLimiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const users = new LruMap<string, UserWindow>(capacity);
  return {
    check(userId) {
      const now = clock.now();
      const window = users.get(userId) ?? { times: [], notifiedUntil: 0 };
      window.times = window.times.filter((time) => time > now - windowMs);
      users.set(userId, window);
      if (window.times.length < limit) {
        window.times.push(now);
        return { allowed: true };
      }
      const freeAt = (window.times[0] as number) + windowMs;
      const notify = window.notifiedUntil <= now;
      if (notify) window.notifiedUntil = freeAt;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)), notify };
    },
  };
}
