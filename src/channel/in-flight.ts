/** Work in progress (answers being written), so that stop() can let it finish before exiting. */
export interface InFlight {
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly size: number;
  /** Resolves true when everything in progress has finished, false if `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean>;
}

/** Tracks promises of work in progress until they settle. */
export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    get size() {
      return running.size;
    },
    run(work) {
      const promise = work();
      const tracked = promise.then(
        () => undefined,
        () => undefined,
      );
      running.add(tracked);
      void tracked.finally(() => running.delete(tracked));
      return promise;
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref?.();
      });
      // Work started while draining is waited for too.
      const settled = (async () => {
        while (running.size > 0) await Promise.all([...running]);
        return true as const;
      })();
      const result = await Promise.race([settled, timeout]);
      clearTimeout(timer);
      return result;
    },
  };
}
