import type { types } from "@slack/bolt";
import type { PlanAssistant } from "../app/assistant.js";
import type { AnswerCache } from "../channel/answer-cache.js";
import type { Clock } from "../channel/clock.js";
import type { Deduper } from "../channel/dedupe.js";
import type { FeedbackStore } from "../channel/feedback-store.js";
import type { RateLimiter } from "../channel/rate-limiter.js";
import type { SlackLogger } from "./slack-logger.js";
import type { ThreadTracker } from "./thread-tracker.js";

/** Everything the listeners use, built once per app by createSlackApp. */
export interface SlackServices {
  readonly assistant: PlanAssistant;
  readonly logger: SlackLogger;
  readonly feedbackStore: FeedbackStore;
  readonly clock: Clock;
  readonly rateLimiter: RateLimiter;
  readonly deduper: Deduper;
  readonly threads: ThreadTracker;
  readonly answers: AnswerCache;
  readonly slashCommand: string;
  /** After this long without an answer (a language model phrasing it), a placeholder shows progress. */
  readonly progressAfterMs: number;
  /** Plan titles by doc id. */
  readonly documentTitles: ReadonlyMap<string, string>;
  /** The App Home view (built once, on first use). */
  homeView(): types.HomeView;
}
