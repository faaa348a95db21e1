import type { ChannelLogger } from "./channel-logger.js";

interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  removeListener(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface StopOnSignalsOptions {
  readonly signals?: readonly NodeJS.Signals[];
  /** Where signals come from; default `process`. */
  readonly source?: SignalSource;
  /** Called after a graceful stop (code 0) or on a second signal (code 1); default `process.exit`. */
  readonly exit?: (code: number) => void;
}

/**
 * Graceful shutdown: on SIGTERM or SIGINT, stop taking requests on every channel, let answers in progress
 * finish (bounded), then exit. A second signal exits at once. Returns a function that removes the handlers.
 */
export function stopOnSignals(target: { stop(): Promise<void> }, logger: ChannelLogger, options: StopOnSignalsOptions = {}): () => void {
  const signals = options.signals ?? ["SIGTERM", "SIGINT"];
  const source = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => () => {
    if (stopping) {
      logger.warn(`${signal} again, exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    logger.info(`${signal} received, finishing answers in progress`);
    target.stop().then(
      () => exit(0),
      (error: unknown) => {
        logger.error(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  const listeners = signals.map((signal) => [signal, handler(signal)] as const);
  for (const [signal, listener] of listeners) source.on(signal, listener);
  return () => {
    for (const [signal, listener] of listeners) source.removeListener(signal, listener);
  };
}
