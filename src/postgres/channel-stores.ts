import type { ChannelStores } from "../channel/channel-services.js";
import type { ChannelLogger } from "../channel/channel-logger.js";
import type { Clock } from "../channel/clock.js";
import { type ConversationHistory, HISTORY_LIMIT, HISTORY_WINDOW_MS } from "../channel/conversation-history.js";
import { DEDUPE_TTL_MS, type Deduper } from "../channel/dedupe.js";
import type { FeedbackRecord, FeedbackStore } from "../channel/feedback-store.js";
import { describeError } from "../errors.js";
import { type Database, isConnectionError } from "./database.js";

/** Expired rows (events, old questions) are deleted at most this often, by whichever replica writes next. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Runs `sweep` at most once per interval, in the background; a failed sweep is tried again next time. */
function periodically(clock: Clock, sweep: () => Promise<unknown>): () => void {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const now = clock.now();
    if (now - last < SWEEP_INTERVAL_MS) return;
    last = now;
    void sweep().catch(() => undefined);
  };
}

/**
 * Event dedupe in `channel_events`, shared by every replica: the first INSERT of a key wins
 * (ON CONFLICT on the key); a key whose time-to-live has passed may be claimed again.
 * @throws PlanAssistantError DATABASE_UNAVAILABLE from claim() when the database cannot be reached.
 */
export function createPostgresDeduper(database: Database, { clock, ttlMs = DEDUPE_TTL_MS }: { readonly clock: Clock; readonly ttlMs?: number }): Deduper {
  const sweep = periodically(clock, () => database.query("DELETE FROM channel_events WHERE expires_at <= $1", [new Date(clock.now())]));
  return {
    async claim(key) {
      const now = clock.now();
      // Inserted, or an expired claim taken over: a row comes back. A live claim by anyone: none.
      const result = await database.query(
        "INSERT INTO channel_events (event_key, expires_at) VALUES ($1, $2) ON CONFLICT (event_key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE channel_events.expires_at <= $3 RETURNING event_key",
        [key, new Date(now + ttlMs), new Date(now)],
      );
      sweep();
      return result.rowCount === 1;
    },
  };
}

/**
 * Conversation history in `conversation_turns`, so a follow-up that reaches another replica is
 * answered in context. The same window and limit as the in-memory history.
 * @throws PlanAssistantError DATABASE_UNAVAILABLE when the database cannot be reached.
 */
export function createPostgresConversationHistory(
  database: Database,
  { clock, windowMs = HISTORY_WINDOW_MS, limit = HISTORY_LIMIT }: { readonly clock: Clock; readonly windowMs?: number; readonly limit?: number },
): ConversationHistory {
  const sweep = periodically(clock, () => database.query("DELETE FROM conversation_turns WHERE asked_at <= $1", [new Date(clock.now() - windowMs)]));
  return {
    async questions(key) {
      const result = await database.query<{ question: string }>(
        "SELECT question FROM conversation_turns WHERE conversation = $1 AND asked_at > $2 ORDER BY asked_at DESC, id DESC LIMIT $3",
        [key, new Date(clock.now() - windowMs), limit],
      );
      return result.rows.map((row) => row.question).reverse();
    },
    async add(key, question) {
      await database.query("INSERT INTO conversation_turns (conversation, question, asked_at) VALUES ($1, $2, $3)", [key, question, new Date(clock.now())]);
      sweep();
    },
  };
}

export interface PostgresFeedbackStoreOptions {
  /** Where buffered records go when the database is still down at shutdown (or the buffer is full): the JSONL store. */
  readonly fallback: FeedbackStore;
  readonly logger: ChannelLogger;
  /** Delay before the first retry of buffered records; doubled up to `retryMaxMs` while the database stays down. Default 1 s. */
  readonly retryAfterMs?: number;
  /** Longest delay between retries; default 30 s. */
  readonly retryMaxMs?: number;
  /** Records held in memory while the database is down; past this they go to `fallback`. Default 10,000. */
  readonly bufferLimit?: number;
}

/** The feedback store of the PostgreSQL channel stores, with what is still waiting for the database. */
export interface PostgresFeedbackStore extends FeedbackStore {
  /** Records accepted but not yet in the database. */
  readonly pending: number;
  /** Tries to write the buffered records now; resolves true when none is left. */
  flush(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Feedback rows in `feedback`. While the database is unreachable a record is buffered in order
 * and retried in the background (1 s, doubling to 30 s), so a click during an outage is stored
 * after the restart; close() makes a last attempt and hands what is left to `fallback` (the
 * feedback file), so nothing accepted is lost. SQL errors other than a lost connection throw.
 */
export function createPostgresFeedbackStore(database: Database, options: PostgresFeedbackStoreOptions): PostgresFeedbackStore {
  const { logger } = options;
  const firstDelayMs = options.retryAfterMs ?? 1_000;
  const bufferLimit = options.bufferLimit ?? 10_000;
  const buffer: FeedbackRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let delayMs = firstDelayMs;
  let flushing: Promise<boolean> | undefined;
  let closed = false;

  const insert = (record: FeedbackRecord) => database.query("INSERT INTO feedback (recorded_at, kind, record) VALUES ($1, $2, $3)", [record.recorded_at, record.kind, JSON.stringify(record)]);

  const schedule = () => {
    if (timer || closed || buffer.length === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delayMs);
    // A pending retry never keeps the process alive; close() writes what is left.
    timer.unref();
    delayMs = Math.min(delayMs * 2, options.retryMaxMs ?? 30_000);
  };

  const flushOnce = async (): Promise<boolean> => {
    while (buffer.length > 0) {
      try {
        await insert(buffer[0]!);
      } catch (error) {
        if (!isConnectionError(error)) {
          // A record the database refuses will not succeed later either: keep it in the file.
          logger.error(`feedback: the database refused a buffered record, writing it to the feedback file: ${describeError(error)}`);
          await options.fallback.append(buffer.shift()!);
          continue;
        }
        schedule();
        return false;
      }
      buffer.shift();
    }
    delayMs = firstDelayMs;
    logger.info("feedback: buffered records written to the database");
    return true;
  };

  const flush = (): Promise<boolean> => {
    flushing ??= flushOnce().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };

  const keep = async (record: FeedbackRecord) => {
    if (buffer.length >= bufferLimit) {
      await options.fallback.append(record);
      return;
    }
    buffer.push(record);
    schedule();
  };

  return {
    get pending() {
      return buffer.length;
    },
    async append(record) {
      if (closed) return options.fallback.append(record);
      // Records keep their order: while some wait, a new one waits behind them.
      if (buffer.length > 0) return keep(record);
      try {
        await insert(record);
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        logger.warn(`feedback: the database is unreachable, keeping the record to write later: ${describeError(error)}`);
        await keep(record);
      }
    },
    flush,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (buffer.length > 0) await flush();
      while (buffer.length > 0) await options.fallback.append(buffer.shift()!);
    },
  };
}

/** Dedupe, conversation history and feedback in PostgreSQL, for every channel of this replica. */
export function createPostgresChannelStores(database: Database, options: { readonly clock: Clock } & PostgresFeedbackStoreOptions): ChannelStores & { readonly feedbackStore: PostgresFeedbackStore } {
  return {
    deduper: createPostgresDeduper(database, options),
    history: createPostgresConversationHistory(database, options),
    feedbackStore: createPostgresFeedbackStore(database, options),
  };
}
