/** Releases a slot; calling it more than once has no further effect. */
export type Release = () => void;

/** A counting semaphore: at most `limit` holders at a time, waiters served first come, first served. */
export interface Semaphore {
  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first (the waiter leaves the queue). */
  acquire(signal?: AbortSignal): Promise<Release>;
  readonly active: number;
  readonly waiting: number;
}

/**
 * Creates a semaphore with `limit` slots.
 * @throws RangeError when `limit` is not a positive integer (a broken invariant, not user input).
 */
export function createSemaphore(limit: number): Semaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore limit must be a positive integer, got ${limit}`);
  let active = 0;
  const queue: Array<(release: Release) => void> = [];

  const makeRelease = (): Release => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      if (next) next(makeRelease());
      else active -= 1;
    };
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason ?? new Error("aborted"));
      if (active < limit) {
        active += 1;
        return Promise.resolve(makeRelease());
      }
      return new Promise<Release>((resolve, reject) => {
        const onAbort = () => {
          const index = queue.indexOf(grant);
          if (index !== -1) queue.splice(index, 1);
          reject(signal?.reason ?? new Error("aborted"));
        };
        // The slot passes straight from the releasing holder to this waiter, so `active` is unchanged.
        const grant = (release: Release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        };
        queue.push(grant);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}
