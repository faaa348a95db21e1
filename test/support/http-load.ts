import { performance } from "node:perf_hooks";
import { Client } from "undici";

/** One response of a load run. */
export interface LoadOutcome {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly contentType: string | null;
  readonly body: string;
  readonly milliseconds: number;
  /** When the request was sent, in ms from the start of the run. */
  readonly sentAt: number;
}

export interface LoadReport {
  readonly outcomes: readonly LoadOutcome[];
  /** Requests that got no HTTP response at all (connection refused or reset), with their messages. */
  readonly failures: readonly string[];
  readonly wallMilliseconds: number;
}

export interface LoadOptions {
  /** The server's origin, e.g. http://127.0.0.1:3000 (a path is ignored). */
  readonly url: string;
  readonly path: string;
  readonly requests: number;
  /** Requests in flight at once, each on its own connection. */
  readonly concurrency: number;
  /** The JSON body of request `index`. */
  readonly body: (index: number) => unknown;
  readonly headers?: (index: number) => Record<string, string>;
  /**
   * Requests each connection sends, untimed and unrecorded, before the run starts (after all
   * connections have one answer): so the run measures the server, not the opening of connections.
   */
  readonly warmUpPerConnection?: number;
  /** Told about each response as it arrives. */
  readonly onOutcome?: (outcome: LoadOutcome) => void;
}

/**
 * Sends `requests` POSTs with JSON bodies, `concurrency` at a time, and records every response.
 * Each of the `concurrency` workers has its own keep-alive connection (an undici Client) and sends
 * its next request when the last is answered: a closed loop, like that many users. Closes its
 * connections before it returns.
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const origin = new URL(options.url).origin;
  const clients = Array.from({ length: options.concurrency }, () => new Client(origin, { pipelining: 1 }));
  const outcomes: LoadOutcome[] = [];
  const failures: string[] = [];
  const warmUp = async (client: Client) => {
    for (let round = 0; round < (options.warmUpPerConnection ?? 0); round += 1) {
      const response = await client.request({ path: options.path, method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(options.body(round)) });
      await response.body.dump();
    }
  };
  let next = 0;
  let started = performance.now();
  const worker = async (client: Client) => {
    while (next < options.requests) {
      const index = next;
      next += 1;
      const sent = performance.now();
      try {
        const response = await client.request({
          path: options.path,
          method: "POST",
          headers: { "content-type": "application/json", ...(options.headers?.(index) ?? {}) },
          body: JSON.stringify(options.body(index)),
        });
        const body = await response.body.text();
        const header = (name: string) => {
          const value = response.headers[name];
          return value === undefined ? null : String(value);
        };
        const outcome = { status: response.statusCode, retryAfter: header("retry-after"), contentType: header("content-type"), body, milliseconds: performance.now() - sent, sentAt: sent - started };
        outcomes.push(outcome);
        options.onOutcome?.(outcome);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  try {
    await Promise.all(clients.map(warmUp));
    started = performance.now();
    await Promise.all(clients.map(worker));
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
  return { outcomes, failures, wallMilliseconds: performance.now() - started };
}

/** Responses counted by status, e.g. { 200: 1970, 429: 30 }. */
export function countByStatus(outcomes: readonly LoadOutcome[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const outcome of outcomes) counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
  return counts;
}
