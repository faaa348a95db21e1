import type { PlanAssistant } from "../app/assistant.js";
import { type Config, secretValues } from "../config/load-config.js";
import { type AnswerCache, createAnswerCache } from "./answer-cache.js";
import { type ChannelLogger, createConsoleLogger, createRedactingLogger, type RedactingLogger } from "./channel-logger.js";
import { type Clock, systemClock } from "./clock.js";
import { type ConversationHistory, createConversationHistory } from "./conversation-history.js";
import { createDeduper, type Deduper } from "./dedupe.js";
import { createJsonlFeedbackStore, type FeedbackStore, feedbackFilePath } from "./feedback-store.js";
import { createInFlight, type InFlight } from "./in-flight.js";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";
import { createRedactor } from "./redact-secrets.js";
import { DEFAULT_RETRY_DELAYS_MS } from "./with-retry.js";

/** What a channel adapter (DingTalk, Feishu) uses besides its platform client: one set per adapter. */
export interface ChannelServices {
  readonly assistant: PlanAssistant;
  /** Redacts every configured secret and token-shaped text; filtered by LOG_LEVEL. */
  readonly logger: RedactingLogger;
  /** The same redaction, for text that leaves the process some other way. */
  readonly redact: (text: string) => string;
  readonly clock: Clock;
  readonly deduper: Deduper;
  readonly rateLimiter: RateLimiter;
  readonly history: ConversationHistory;
  readonly answers: AnswerCache;
  readonly feedbackStore: FeedbackStore;
  /** Answers in progress, so stop() can let them finish. */
  readonly inFlight: InFlight;
  /** After this long without an answer, a placeholder shows progress. */
  readonly progressAfterMs: number;
  /** Delays between attempts at a reply the platform refused with a 5xx or dropped. */
  readonly retryDelaysMs: readonly number[];
}

/**
 * The state a channel keeps between messages. In memory (and the feedback file) by default;
 * with DATABASE_URL, PostgreSQL tables shared by every replica (src/app/open-channel-stores.ts).
 */
export interface ChannelStores {
  readonly deduper: Deduper;
  readonly history: ConversationHistory;
  readonly feedbackStore: FeedbackStore;
}

export interface ChannelServiceOptions extends Partial<ChannelStores> {
  /** Default: timestamped lines on stderr at LOG_LEVEL. Secrets are redacted either way. */
  readonly logger?: ChannelLogger;
  /** Default: JSON lines at FEEDBACK_FILE or DATA_DIR/feedback.jsonl (the file Slack writes too). */
  readonly feedbackStore?: FeedbackStore;
  /** Default: in memory, this adapter only. */
  readonly deduper?: Deduper;
  /** Default: in memory, this adapter only. */
  readonly history?: ConversationHistory;
  readonly clock?: Clock;
  /** Default 1.5 s. */
  readonly progressAfterMs?: number;
  /** Default DEFAULT_RETRY_DELAYS_MS. */
  readonly retryDelaysMs?: readonly number[];
}

/** Builds the shared services of one channel adapter from the configuration. */
export function createChannelServices(config: Config, assistant: PlanAssistant, options: ChannelServiceOptions = {}): ChannelServices {
  const clock = options.clock ?? systemClock;
  // Every configured secret, not only this channel's: an assistant error may quote a model provider's key.
  const redact = createRedactor(secretValues(config));
  return {
    assistant,
    logger: createRedactingLogger(options.logger ?? createConsoleLogger(config.LOG_LEVEL), redact, config.LOG_LEVEL),
    redact,
    clock,
    deduper: options.deduper ?? createDeduper({ clock }),
    rateLimiter: createRateLimiter({ limit: config.CHANNEL_RATE_LIMIT_PER_MINUTE, clock }),
    history: options.history ?? createConversationHistory({ clock }),
    answers: createAnswerCache(),
    feedbackStore: options.feedbackStore ?? createJsonlFeedbackStore(feedbackFilePath(config)),
    inFlight: createInFlight(),
    progressAfterMs: options.progressAfterMs ?? 1_500,
    retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
  };
}
