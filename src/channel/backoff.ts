/** Exponential backoff: how long to wait before the next attempt at reconnecting. */
export interface BackoffOptions {
  /** Wait after the first failure; default 1 s. */
  readonly baseMs?: number;
  /** Longest wait; default 60 s. */
  readonly maxMs?: number;
  /** Random part, as a fraction of the wait, so many bots do not reconnect in step; default 0.2. */
  readonly jitter?: number;
  readonly random?: () => number;
}

/** The wait before attempt `failures + 1`: base, 2·base, 4·base… up to max, each with some jitter. */
export function backoffDelay(failures: number, { baseMs = 1_000, maxMs = 60_000, jitter = 0.2, random = Math.random }: BackoffOptions = {}): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures));
  return Math.round(plain * (1 - jitter + 2 * jitter * random()));
}
