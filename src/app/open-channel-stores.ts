import type { ChannelLogger } from "../channel/channel-logger.js";
import type { ChannelStores } from "../channel/channel-services.js";
import { type Clock, systemClock } from "../channel/clock.js";
import { createJsonlFeedbackStore, type FeedbackStore, feedbackFilePath } from "../channel/feedback-store.js";
import type { Config } from "../config/load-config.js";
import type { PlanStore } from "../store/plan-store.js";

/** The channel state of this process, and how to close it once the channels have stopped. */
export type OpenChannelStores = Partial<ChannelStores> & {
  readonly feedbackStore: FeedbackStore;
  /** Writes buffered feedback; call after every channel has stopped and before the plan store closes. */
  close(): Promise<void>;
};

/**
 * The channel state the plan store implies. With PostgreSQL (DATABASE_URL), dedupe, conversation
 * history and feedback live in its tables on the same pool, so every replica shares them; feedback
 * that meets a database outage is buffered and, if still unwritten at shutdown, goes to the feedback
 * file. Otherwise: one feedback file (FEEDBACK_FILE) for every channel, and each adapter keeps its
 * own dedupe and history in memory.
 */
export async function openChannelStores(config: Config, store: PlanStore, logger: ChannelLogger, clock: Clock = systemClock): Promise<OpenChannelStores> {
  const file = createJsonlFeedbackStore(feedbackFilePath(config));
  if (store.kind !== "postgres") return { feedbackStore: file, close: async () => {} };
  const { databaseOf } = await import("../postgres/postgres-store.js");
  const database = databaseOf(store);
  if (!database) return { feedbackStore: file, close: async () => {} };
  const { createPostgresChannelStores } = await import("../postgres/channel-stores.js");
  const stores = createPostgresChannelStores(database, { clock, logger, fallback: file });
  return { ...stores, close: () => stores.feedbackStore.close() };
}
