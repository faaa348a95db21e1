import { join } from "node:path";
import { freePort, startBotProcess } from "../test/support/bot-process.js";
import { countByStatus, runLoad } from "../test/support/http-load.js";
import type { TargetCheck } from "./format-report.js";
import { percentile } from "./measure.js";

/** 2,000 POST /api/ask at concurrency 100 against `npm start` (see measureHttpLoad). */
export interface HttpLoadFigures {
  readonly requests: number;
  readonly concurrency: number;
  /** 200 responses. */
  readonly answered: number;
  /** 429 responses (per-client limit or load shedding), each with Retry-After. */
  readonly refused: number;
  /** 5xx responses plus requests that got no response: the target is none. */
  readonly failed: number;
  /** Responses per second over the whole run. */
  readonly throughput_rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
}

const REQUESTS = 2_000;
const CONCURRENCY = 100;
/** Untimed requests per connection first: the 100 connections are open and warm when timing starts. */
const WARM_UP_PER_CONNECTION = 2;

/**
 * Starts the real server as `npm start` does (`scripts/run.mjs src/main.ts`, its own process, the
 * seed plans and `indexDir`, default limits except the per-client rate limit, which one loopback
 * client would otherwise hit after 30 questions), then sends `questions` in turn as 2,000
 * POST /api/ask at concurrency 100 over as many keep-alive connections, each warmed up with two
 * untimed requests first.
 * Latency is from sending a request to reading its whole response, for every response.
 */
export async function measureHttpLoad(options: { readonly seedsDir: string; readonly indexDir: string; readonly scratch: string; readonly questions: readonly string[] }): Promise<HttpLoadFigures> {
  const port = await freePort();
  const bot = startBotProcess({ SEEDS_DIR: options.seedsDir, INDEX_DIR: options.indexDir, DATA_DIR: join(options.scratch, "http-load-data"), PORT: String(port), LOG_LEVEL: "warn", WEB_RATE_LIMIT_PER_MINUTE: "1000000000" });
  try {
    await bot.waitForOutput("规划助手已启动", 60_000);
    const url = `http://127.0.0.1:${port}`;
    const body = (index: number) => ({ question: options.questions[index % options.questions.length] });
    const report = await runLoad({ url, path: "/api/ask", requests: REQUESTS, concurrency: CONCURRENCY, warmUpPerConnection: WARM_UP_PER_CONNECTION, body });
    const counts = countByStatus(report.outcomes);
    const latencies = report.outcomes.map((outcome) => outcome.milliseconds).sort((left, right) => left - right);
    const serverErrors = Object.entries(counts).filter(([status]) => Number(status) >= 500).reduce((sum, [, count]) => sum + count, 0);
    return {
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      answered: counts[200] ?? 0,
      refused: counts[429] ?? 0,
      failed: serverErrors + report.failures.length,
      throughput_rps: report.outcomes.length / (report.wallMilliseconds / 1000),
      p50_ms: percentile(latencies, 50),
      p99_ms: percentile(latencies, 99),
    };
  } finally {
    bot.child.kill("SIGTERM");
    await Promise.race([bot.exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    bot.kill();
  }
}

/** The target of issue 15 for the run: every request answered or refused with 429; no 5xx, none lost. (Throughput and p99 are reported, with no target set.) */
export function checkHttpLoadTargets(figures: HttpLoadFigures): TargetCheck[] {
  const other = figures.requests - figures.answered - figures.refused;
  return [{ name: `HTTP: ${figures.requests} /api/ask at concurrency ${figures.concurrency}, each answered or 429`, measured: `${figures.answered} + ${figures.refused}, ${other} other`, target: "0 other", met: other === 0 && figures.failed === 0 }];
}

/** The Markdown section of the report. */
export function formatHttpLoad(figures: HttpLoadFigures): string[] {
  return [
    "### HTTP API under load: POST /api/ask on loopback",
    "",
    "| requests | concurrency | answered | 429 | 5xx or lost | throughput | p50 | p99 |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${figures.requests} | ${figures.concurrency} | ${figures.answered} | ${figures.refused} | ${figures.failed} | ${figures.throughput_rps.toFixed(0)} req/s | ${figures.p50_ms.toFixed(1)} ms | ${figures.p99_ms.toFixed(1)} ms |`,
    "",
    "The server is `npm start` in its own process (default limits, the per-client rate limit lifted: every request comes from one address); the client (the bench process, undici) sends the eval questions in turn over 100 keep-alive connections, each sending its next question when the last is answered, after two untimed ones per connection. Latency is per request, send to last byte. Client and server share the machine's cores.",
    "",
  ];
}
