import type { FeedbackRecord, FeedbackStore } from "../../src/channel/feedback-store.js";
import { createWebApp, type WebAppOptions } from "../../src/web/create-web-app.js";
import { type StartedWebServer, startWebServer, type WebServerOptions } from "../../src/web/start-web-server.js";
import { loadStaticAssets } from "../../src/web/static-assets.js";

/** A feedback store that keeps records in memory. */
export function createMemoryFeedbackStore(): FeedbackStore & { readonly records: FeedbackRecord[] } {
  const records: FeedbackRecord[] = [];
  return {
    records,
    async append(record) {
      records.push(record);
    },
  };
}

export interface TestWebServer extends StartedWebServer {
  readonly feedback: ReturnType<typeof createMemoryFeedbackStore>;
}

/**
 * The real web app with the real page files on a loopback port (port 0: a free one). `timeouts`
 * are the server's slow-client limits (headersTimeoutMs, requestTimeoutMs).
 */
export async function startTestWebServer(options: Omit<WebAppOptions, "feedbackStore" | "assets"> & Partial<Pick<WebAppOptions, "assets">> & { readonly timeouts?: WebServerOptions["limits"] }): Promise<TestWebServer> {
  const feedback = createMemoryFeedbackStore();
  const { timeouts, ...appOptions } = options;
  const app = createWebApp({ assets: loadStaticAssets(), ...appOptions, feedbackStore: feedback });
  const server = await startWebServer(app, { host: "127.0.0.1", port: 0, ...(timeouts ? { limits: timeouts } : {}) });
  return { ...server, feedback };
}
