import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createJsonlFeedbackStore, type FeedbackRecord, feedbackFilePath } from "./feedback-store.js";

const record = (question: string, kind: FeedbackRecord["kind"] = "helpful"): FeedbackRecord => ({
  recorded_at: "2025-03-01T09:00:00.000Z",
  kind,
  source: "button",
  question,
  answer: "2025年学前三年毛入园率目标为≥94.0%（预期性）。",
  found: true,
  intent: "indicator",
  citations: ["指标表 · 梁平区教育事业发展“十四五”规划指标体系表"],
  user: "W1",
  channel: "C1",
  answer_key: "k1",
});

describe("createJsonlFeedbackStore", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "feedback-"));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const lines = async (path: string) => (await readFile(path, "utf8")).split("\n").filter(Boolean).map((line) => JSON.parse(line) as FeedbackRecord);

  it("creates missing folders and appends one JSON line per record, in order, even when appends overlap", async () => {
    const path = join(directory, "nested", "feedback.jsonl");
    const store = createJsonlFeedbackStore(path);
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.append(record(`问题${index}`))));
    const written = await lines(path);
    expect(written.map((line) => line.question)).toEqual(Array.from({ length: 20 }, (_, index) => `问题${index}`));
    expect((await readFile(path, "utf8")).endsWith("\n")).toBe(true);
  });

  it("never rewrites earlier lines, and starts on a fresh line after a torn last line", async () => {
    const path = join(directory, "feedback.jsonl");
    const earlier = `${JSON.stringify(record("较早的问题"))}\n`;
    await writeFile(path, earlier);
    await appendFile(path, '{"recorded_at":"2025-03-01T09:0');
    await createJsonlFeedbackStore(path).append(record("新的问题", "wrong_figure"));

    const text = await readFile(path, "utf8");
    expect(text.startsWith(`${earlier}{"recorded_at":"2025-03-01T09:0\n`)).toBe(true);
    const last = JSON.parse(text.trimEnd().split("\n").at(-1) as string) as FeedbackRecord;
    expect(last).toMatchObject({ question: "新的问题", kind: "wrong_figure" });
  });

  it("reports a failed append and keeps accepting later ones", async () => {
    const blocker = join(directory, "not-a-folder");
    await writeFile(blocker, "");
    const broken = createJsonlFeedbackStore(join(blocker, "feedback.jsonl"));
    await expect(broken.append(record("一"))).rejects.toThrow();
    await expect(broken.append(record("二"))).rejects.toThrow();

    const store = createJsonlFeedbackStore(join(directory, "ok.jsonl"));
    await expect(store.append(record("三"))).resolves.toBeUndefined();
  });
});

describe("feedbackFilePath", () => {
  it("uses FEEDBACK_FILE, else feedback.jsonl under DATA_DIR", () => {
    expect(feedbackFilePath({ FEEDBACK_FILE: "/var/lib/bot/fb.jsonl", DATA_DIR: "data" })).toBe("/var/lib/bot/fb.jsonl");
    expect(feedbackFilePath({ FEEDBACK_FILE: undefined, DATA_DIR: "data" })).toBe(join("data", "feedback.jsonl"));
  });
});
