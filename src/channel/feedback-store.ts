import { mkdir, open, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
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
  /**
   * Stores one record. A store that buffers (PostgreSQL while the database is down) resolves once
   * the record is safe in its buffer.
   * @throws when the record cannot be kept at all (the adapter apologises).
   */
  append(record: FeedbackRecord): Promise<void>;
  /** Writes what is still buffered and stops background work; called once at shutdown. */
  close?(): Promise<void>;
}

/** FEEDBACK_FILE, or feedback.jsonl under DATA_DIR. */
export function feedbackFilePath(config: Pick<Config, "FEEDBACK_FILE" | "DATA_DIR">): string {
  return config.FEEDBACK_FILE ?? join(config.DATA_DIR, "feedback.jsonl");
}

/** Flushes a directory entry (a newly created file) to disk; a no-op where directories cannot be opened. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, "r").catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** Most records written by one write and fsync. */
const MAX_BATCH = 256;

/**
 * An append-only JSON Lines file. Records are written with one write to a file opened with O_APPEND,
 * then fsync, so earlier lines are never rewritten and a crash can at worst leave the last line
 * incomplete; a later append starts on a fresh line so that torn line cannot swallow it.
 * Appends from this process are queued one after another, and the records that arrive while a
 * write is in progress go together in the next one (group commit): under load, one fsync serves
 * many records instead of each waiting for its own. An append resolves once its record is synced.
 */
export function createJsonlFeedbackStore(path: string): FeedbackStore & { readonly path: string } {
  interface Pending {
    readonly record: FeedbackRecord;
    readonly resolve: () => void;
    readonly reject: (error: unknown) => void;
  }
  let pending: Pending[] = [];
  let writing = false;
  const writeBatch = async (records: readonly FeedbackRecord[]) => {
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
      // One write normally takes the whole batch; a short write (disk nearly full) continues where it stopped.
      const data = Buffer.from(`${prefix}${records.map((record) => `${JSON.stringify(record)}\n`).join("")}`, "utf8");
      for (let offset = 0; offset < data.length; ) {
        const { bytesWritten } = await file.write(data, offset, data.length - offset);
        offset += bytesWritten;
      }
      await file.sync();
      if (size === 0) await syncDirectory(dirname(path));
    } finally {
      await file.close();
    }
  };
  const drain = async () => {
    writing = true;
    while (pending.length > 0) {
      const batch = pending.slice(0, MAX_BATCH);
      pending = pending.slice(batch.length);
      try {
        await writeBatch(batch.map((entry) => entry.record));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        // The queue goes on after a failed write; the callers of this batch see the failure.
        for (const entry of batch) entry.reject(error);
      }
    }
    writing = false;
  };
  return {
    path,
    append(record) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ record, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}

const feedbackRecordSchema = z.object({
  recorded_at: z.string(),
  kind: z.enum(["helpful", "not_helpful", "wrong_figure", "unanswered"]),
  source: z.enum(["button", "auto"]),
  question: z.string(),
  answer: z.string(),
  found: z.boolean().nullable(),
  intent: z.string().nullable(),
  citations: z.array(z.string()),
  user: z.string().nullable(),
  channel: z.string().nullable(),
  answer_key: z.string().nullable(),
});

export interface FeedbackFileContents {
  /** The records, in the order they were written. */
  readonly records: readonly FeedbackRecord[];
  /** Lines that are not a whole record: torn by a crash mid-append, or edited by hand. */
  readonly skippedLines: number;
}

/**
 * Reads a feedback file for review. A crash mid-append leaves at most one torn line per crash
 * (the last line, or a line of its own once later appends started afresh); such lines are
 * skipped and counted, never fatal. A missing file reads as empty.
 */
export async function readFeedbackFile(path: string): Promise<FeedbackFileContents> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { records: [], skippedLines: 0 };
    throw error;
  }
  const records: FeedbackRecord[] = [];
  let skippedLines = 0;
  for (const line of text.split("\n")) {
    if (line.trim().length === 0) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      skippedLines += 1;
      continue;
    }
    const record = feedbackRecordSchema.safeParse(parsed);
    if (record.success) records.push(record.data);
    else skippedLines += 1;
  }
  return { records, skippedLines };
}
