import type { AddressInfo, ListenOptions } from "node:net";
import { App, LogLevel, type webApi } from "@slack/bolt";
import type { PlanAssistant } from "../app/assistant.js";
import { type Config, secretValues } from "../config/load-config.js";
import { describeError, PlanAssistantError } from "../errors.js";
import { createAnswerCache } from "../channel/answer-cache.js";
import { type Clock, systemClock } from "../channel/clock.js";
import { createDeduper, type Deduper } from "../channel/dedupe.js";
import { createJsonlFeedbackStore, type FeedbackStore, feedbackFilePath } from "../channel/feedback-store.js";
import { buildHomeView } from "./format/home-view.js";
import { createInFlight } from "../channel/in-flight.js";
import { registerListeners } from "./listeners/register-listeners.js";
import { createRateLimiter } from "../channel/rate-limiter.js";
import { createRedactor } from "../channel/redact-secrets.js";
import { createConsoleLogger, createRedactingLogger, type SlackLogger } from "./slack-logger.js";
import { resolveSlackMode, type SlackMode } from "./slack-mode.js";
import type { SlackServices } from "./slack-services.js";
import { createThreadTracker } from "./thread-tracker.js";

/**
 * Web API retries (node-retry options, used by @slack/web-api for network errors, HTTP errors
 * and 429 rate limits, where it also waits out Retry-After): 3 retries within about 15 seconds,
 * so a colleague is not left waiting for minutes.
 */
export const DEFAULT_RETRY_CONFIG: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 1_000, maxTimeout: 8_000, randomize: true };

export interface CreateSlackAppOptions {
  readonly config: Config;
  readonly assistant: PlanAssistant;
  /** Default: timestamped lines on stderr at LOG_LEVEL. Secrets are redacted either way. */
  readonly logger?: SlackLogger;
  /** Default: JSON lines at FEEDBACK_FILE or DATA_DIR/feedback.jsonl. */
  readonly feedbackStore?: FeedbackStore;
  /** Default: in memory. With DATABASE_URL, one table for every replica, so a retry reaching another replica is answered once. */
  readonly deduper?: Deduper;
  readonly clock?: Clock;
  /** Web API retry policy; default DEFAULT_RETRY_CONFIG. */
  readonly retryConfig?: webApi.RetryOptions;
  /** Timeout of one Web API request in ms; default 15 s. */
  readonly apiTimeoutMs?: number;
  /** How long stop() waits for answers in progress; default 10 s. */
  readonly drainTimeoutMs?: number;
  /** After how long without an answer a "正在整理" placeholder is posted and later replaced; default 1.5 s. */
  readonly progressAfterMs?: number;
}

export interface SlackStartInfo {
  readonly mode: SlackMode["kind"];
  /** The port listened on (HTTP mode). */
  readonly port?: number;
}

export interface SlackApp {
  /** The Bolt app, for wiring beyond this adapter. */
  readonly app: App;
  readonly mode: SlackMode["kind"];
  /**
   * Checks the bot token (auth.test), then listens (HTTP mode: on `listen`, default PORT on all
   * interfaces) or connects (Socket Mode).
   * @throws PlanAssistantError SLACK_CONFIG when Slack rejects the token.
   */
  start(listen?: number | ListenOptions): Promise<SlackStartInfo>;
  /** Stops taking requests, then waits (bounded) for answers in progress. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Builds the Slack adapter on Bolt: Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode with
 * signature verification on PORT. The Web API client goes to SLACK_API_URL when set.
 * @throws PlanAssistantError SLACK_CONFIG when the Slack variables are missing or incomplete.
 */
export function createSlackApp(options: CreateSlackAppOptions): SlackApp {
  const { config, assistant } = options;
  const mode = resolveSlackMode(config);
  if (mode === null) {
    throw new PlanAssistantError(
      "SLACK_CONFIG",
      "SLACK_BOT_TOKEN is missing: set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or with SLACK_SIGNING_SECRET and PORT (HTTP mode). See docs/slack.md.",
    );
  }
  const clock = options.clock ?? systemClock;
  // Every configured secret, not only Slack's: an assistant error may quote a model provider's key.
  const redact = createRedactor(secretValues(config));
  const logger = createRedactingLogger(options.logger ?? createConsoleLogger(config.LOG_LEVEL), redact, config.LOG_LEVEL);
  const inFlight = createInFlight();

  let homeView: ReturnType<SlackServices["homeView"]> | undefined;
  const services: SlackServices = {
    assistant,
    logger,
    feedbackStore: options.feedbackStore ?? createJsonlFeedbackStore(feedbackFilePath(config)),
    clock,
    rateLimiter: createRateLimiter({ limit: config.SLACK_RATE_LIMIT_PER_MINUTE, clock }),
    deduper: options.deduper ?? createDeduper({ clock }),
    threads: createThreadTracker({ clock }),
    answers: createAnswerCache(),
    slashCommand: config.SLACK_SLASH_COMMAND,
    progressAfterMs: options.progressAfterMs ?? 1_500,
    documentTitles: new Map(assistant.plans.map((plan) => [plan.doc, plan.metadata.title])),
    homeView: () => (homeView ??= buildHomeView(assistant.plans, assistant.examples, config.SLACK_SLASH_COMMAND)),
  };

  const common = {
    token: mode.botToken,
    logger,
    logLevel: config.LOG_LEVEL as LogLevel,
    // auth.test runs in start(), so a wrong token fails there with a clear message, not in the constructor.
    deferInitialization: true,
    convoStore: false as const,
    ignoreSelf: true,
    clientOptions: {
      ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
      retryConfig: options.retryConfig ?? DEFAULT_RETRY_CONFIG,
      timeout: options.apiTimeoutMs ?? 15_000,
    },
  };
  const app =
    mode.kind === "socket"
      ? new App({ ...common, socketMode: true, appToken: mode.appToken })
      : // Acknowledge first, answer after: Slack wants a reply within 3 seconds.
        new App({ ...common, signingSecret: mode.signingSecret, port: mode.port, processBeforeResponse: false });

  app.error(async (error) => {
    logger.error(`slack: unhandled error in a listener: ${describeError(error)}`);
  });
  registerListeners(app, services, inFlight);

  let started = false;
  let stopping: Promise<void> | undefined;
  return {
    app,
    mode: mode.kind,
    async start(listen) {
      try {
        await app.init();
      } catch (error) {
        throw new PlanAssistantError("SLACK_CONFIG", `Slack did not accept SLACK_BOT_TOKEN (auth.test failed: ${redact(describeError(error))}). Check the token on the app's OAuth & Permissions page and that SLACK_API_URL (if set) is right.`, {
          cause: error,
        });
      }
      if (mode.kind === "socket") {
        await app.start();
        started = true;
        logger.info("slack: connected in Socket Mode");
        return { mode: "socket" };
      }
      const server = await app.start(listen ?? mode.port);
      started = true;
      const address = server.address() as AddressInfo | null;
      const port = address?.port ?? mode.port;
      logger.info(`slack: listening for Slack requests on port ${port} (HTTP mode, /slack/events)`);
      return { mode: "http", port };
    },
    stop() {
      stopping ??= (async () => {
        if (started) {
          try {
            await app.stop();
          } catch (error) {
            logger.warn(`slack: stopping the receiver: ${describeError(error)}`);
          }
        }
        const drained = await inFlight.drain(options.drainTimeoutMs ?? 10_000);
        if (!drained) logger.warn(`slack: stopped with ${inFlight.size} answer(s) still in progress`);
        logger.info("slack: stopped");
      })();
      return stopping;
    },
  };
}
