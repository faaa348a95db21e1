import { createRuntime } from "./app/create-runtime.js";
import { startChannels, stopAll, type RunningChannel } from "./app/start-channels.js";
import { openChannelStores } from "./app/open-channel-stores.js";
import { stopOnSignals } from "./channel/stop-on-signals.js";
import { webLimitsOf } from "./config/load-config.js";
import { describeError } from "./errors.js";
import { resolveSlackMode } from "./slack/slack-mode.js";
import { createWebApp } from "./web/create-web-app.js";
import { forwardToSlack } from "./web/forward-to-slack.js";
import { startWebServer } from "./web/start-web-server.js";
import { loadStaticAssets } from "./web/static-assets.js";
import { warmUp } from "./web/warm-up.js";

/**
 * `npm start`: loads config and the plans, then serves the web page, the JSON API and the
 * OpenAI-compatible API on HOST:PORT (default 127.0.0.1:3000), prints the URL, and runs every
 * configured chat channel alongside (Slack in Socket Mode, or HTTP at /slack/events on the same port;
 * DingTalk; Feishu). The terminal chat is `npm run chat`.
 */
async function main(): Promise<void> {
  const { config, logger, assistant } = await createRuntime(process.env);
  // SIGTERM/SIGINT: stop taking requests, finish answers in progress, exit; a second signal exits at once.
  // Installed before anything starts, so a signal during start-up stops what has started.
  const running: RunningChannel[] = [];
  // One feedback store for the web page and every channel; with DATABASE_URL, dedupe and history in PostgreSQL too.
  const { close: closeChannelStores, ...channelStores } = await openChannelStores(config, assistant.store, logger);
  const { feedbackStore } = channelStores;
  // Channels first (they finish their answers), then buffered feedback, then the database pool.
  stopOnSignals({ stop: async () => { await stopAll(running).stop(); await closeChannelStores(); await assistant.store.close(); } }, logger);
  // Throws SLACK_CONFIG for a partial Slack configuration before anything listens.
  const slackMode = resolveSlackMode(config);
  let slackReceiverUrl: string | null = null;
  const webLimits = webLimitsOf(config);
  const app = createWebApp({
    assistant,
    feedbackStore,
    assets: loadStaticAssets(),
    storeHealth: () => assistant.store.health(),
    rateLimitPerMinute: config.WEB_RATE_LIMIT_PER_MINUTE,
    limits: webLimits,
    logger,
    ...(config.API_KEY ? { apiKey: config.API_KEY } : {}),
    ...(slackMode?.kind === "http" ? { slackEvents: forwardToSlack(() => slackReceiverUrl) } : {}),
  });
  // Not with a language model configured: a warm-up question would be a paid, possibly slow model call.
  if (config.LLM_PROVIDER === "none") await warmUp(app, assistant);
  const server = await startWebServer(app, { host: config.HOST, port: config.PORT ?? 3000, limits: webLimits });
  running.push({ name: "web", stop: () => server.stop() });
  const channels = await startChannels(config, assistant, logger, {
    ...channelStores,
    // HTTP mode: Bolt listens on a loopback port of its own; the web server forwards /slack/events to it.
    ...(slackMode?.kind === "http" ? { slackListen: { host: "127.0.0.1", port: 0 } } : {}),
    onSlackStarted: (info) => {
      if (info.mode !== "http") return;
      slackReceiverUrl = `http://127.0.0.1:${info.port}`;
      logger.info(`slack: listening for Slack requests on port ${server.port} (HTTP mode, ${server.url}slack/events)`);
    },
  }).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  running.push(...channels);
  process.stdout.write(`规划助手已启动：${server.url}\n`);
  if (config.API_KEY) logger.info("web: /api and /v1 require Authorization: Bearer <API_KEY>");
}

main().catch((error) => {
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
});
