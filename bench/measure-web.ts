import { performance } from "node:perf_hooks";
import type { PlanAssistant } from "../src/app/assistant.js";
import type { FeedbackStore } from "../src/channel/feedback-store.js";
import { createWebApp } from "../src/web/create-web-app.js";
import { startWebServer } from "../src/web/start-web-server.js";
import { loadStaticAssets } from "../src/web/static-assets.js";
import { warmUp } from "../src/web/warm-up.js";
import type { WebFigures } from "./bench-result.js";
import { percentile } from "./measure.js";


const discardFeedback: FeedbackStore = { append: async () => {} };

/**
 * One visit as the browser makes it, over a real socket: the page, the files it links (scripts
 * and the stylesheet, then the modules they import), GET /api/plans, then POST /api/ask with the
 * question. Rendering is left out: this measures what the server and the network path add.
 */
async function visit(baseUrl: string, question: string): Promise<number> {
  const started = performance.now();
  const page = await (await fetch(baseUrl)).text();
  const assets = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
  const scripts = await Promise.all(assets.map((path) => fetch(new URL(path, baseUrl)).then((response) => response.text())));
  const imported = [...new Set(scripts.flatMap((script) => [...script.matchAll(/from "\.\/([^"]+)"/g)].map((match) => `/assets/${match[1]}`)))];
  await Promise.all([...imported.map((path) => fetch(new URL(path, baseUrl)).then((response) => response.text())), fetch(new URL("/api/plans", baseUrl)).then((response) => response.json())]);
  const answer = await fetch(new URL("/api/ask", baseUrl), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  await answer.json();
  return performance.now() - started;
}

/** Serves `assistant` on a loopback port and times `visits` visits asking `question`. */
export async function measureWeb(assistant: PlanAssistant, question: string, visits = 50): Promise<WebFigures> {
  const app = createWebApp({ assistant, feedbackStore: discardFeedback, assets: loadStaticAssets(), rateLimitPerMinute: 1_000_000 });
  // As npm start does: one in-process request of each kind before listening.
  await warmUp(app, assistant);
  const server = await startWebServer(app, { host: "127.0.0.1", port: 0 });
  // The client's own first-use cost (Node loads its fetch implementation lazily) is not the server's.
  await fetch(new URL("/healthz", server.url)).then((response) => response.arrayBuffer());
  try {
    const cold = await visit(server.url, question);
    const times: number[] = [];
    for (let index = 0; index < visits; index += 1) times.push(await visit(server.url, question));
    times.sort((left, right) => left - right);
    return { cold_ms: cold, p50_ms: percentile(times, 50), p95_ms: percentile(times, 95), visits };
  } finally {
    await server.stop();
  }
}
