import { mkdir, open } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Config } from "../config/load-config.js";

export type FeedbackKind = "helpful" | "not_helpful" | "wrong_figure" | "unanswered";

/** One line of the feedback file. Field names are snake_case like the answer JSON contract. */
export interface FeedbackRecord {
  /** ISO time the record was written. */
  readonly recorded_at: string;
  readonly kind: FeedbackKind;
  /** "button" for a click; "auto" for a question the bot could not answer. */
  readonly source: "button" | "auto";
  readonly question: string;
  readonly answer: string;
  readonly found: boolean | null;
  readonly intent: string | null;
  /** Citation labels of the answer. */
  readonly citations: readonly string[];
  readonly user: string | null;
  readonly channel: string | null;
  /** Key of the answer the button belonged to. */
  readonly answer_key: string | null;
}

/** Where feedback goes. The default appends JSON lines to a file; tests may pass their own. */
export interface FeedbackStore {
  append(record: FeedbackRecord): Promise<void>;
}

/** FEEDBACK_FILE, or feedback.jsonl under DATA_DIR. */
export function feedbackFilePath(config: Pick<Config, "FEEDBACK_FILE" | "DATA_DIR">): string {
  return config.FEEDBACK_FILE ?? join(config.DATA_DIR, "feedback.jsonl");
}

/**
 * An append-only JSON Lines file. Each record is one write to a file opened with O_APPEND, then
 * fsync, so earlier lines are never rewritten and a crash can at worst leave the last line
 * incomplete; a later append starts on a fresh line so that torn line cannot swallow it.
 * Appends from this process are queued one after another.
 */
export function createJsonlFeedbackStore(path: string): FeedbackStore & { readonly path: string } {
  let queue: Promise<void> = Promise.resolve();
  const appendOne = async (record: FeedbackRecord) => {
    await mkdir(dirname(path), { recursive: true });
    const file = await open(path, "a+");
    try {
      const { size } = await file.stat();
      let prefix = "";
      if (size > 0) {
        const last = Buffer.alloc(1);
        await file.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = "\n";
      }
      await file.write(`${prefix}${JSON.stringify(record)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
  };
  return {
    path,
    append(record) {
      const next = queue.then(() => appendOne(record));
      // The queue continues after a failed append; the caller still sees the failure.
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
