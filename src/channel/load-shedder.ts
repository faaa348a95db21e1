/**
 * Bounded work in progress with load shedding: a request is either started at once or refused at
 * once, never queued behind an unbounded backlog.
 *
 * Why this and not a semaphore around the answer: the extractive core is CPU-bound and synchronous
 * (about 1 ms a question), so answers never overlap and a limit on concurrent answers would never
 * bite. Under a flood the backlog builds up in front of the core instead: requests accepted,
 * waiting for their body or for the event loop. Counting a request from its arrival to its response
 * bounds that backlog, so memory stays bounded and an admitted request waits at most about
 * `capacity` answers. With a language model configured, answers do wait on the network, and the
 * same count bounds the requests queued behind the model's own concurrency limit.
 */
export interface LoadShedder {
  /** Runs `work` if fewer than `capacity` runs are in progress; otherwise returns null (shed). */
  tryRun<T>(work: () => Promise<T>): Promise<T> | null;
  /** Runs started and not yet settled. */
  readonly inProgress: number;
  readonly capacity: number;
}

/**
 * A load shedder admitting at most `capacity` runs at a time.
 * @throws RangeError when `capacity` is not a positive integer (a broken invariant, not user input).
 */
export function createLoadShedder(capacity: number): LoadShedder {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  let inProgress = 0;
  return {
    capacity,
    get inProgress() {
      return inProgress;
    },
    tryRun(work) {
      if (inProgress >= capacity) return null;
      inProgress += 1;
      const release = () => {
        inProgress -= 1;
      };
      let promise: ReturnType<typeof work>;
      try {
        promise = work();
      } catch (error) {
        release();
        return Promise.reject(error);
      }
      return promise.finally(release);
    },
  };
}
