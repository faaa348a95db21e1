import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { crashRecord } from "../../test/support/feedback-crash-records.js";
import { createJsonlFeedbackStore, type FeedbackRecord, readFeedbackFile } from "./feedback-store.js";
import { seededRandom } from "../../test/support/seeded-random.js";

const REPO_ROOT = join(import.meta.dirname, "..", "..");
const CHILD = join(REPO_ROOT, "test", "support", "append-feedback-child.ts");

/**
 * Runs a child that appends records of `round` to `path` and SIGKILLs it once it has confirmed
 * `killAfter` appends, plus a random few milliseconds. Returns the indexes whose append resolved.
 */
async function appendUntilKilled(path: string, round: number, killAfter: number, extraDelayMs: number): Promise<number[]> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, path, String(round)], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let errors = "";
  let killTimer: NodeJS.Timeout | undefined;
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    if (killTimer === undefined && output.split("\n").length - 1 >= killAfter) killTimer = setTimeout(() => child.kill("SIGKILL"), extraDelayMs);
  });
  // Should the child never get going, do not wait for its own 20-second bound.
  const guard = setTimeout(() => child.kill("SIGKILL"), 15_000);
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_code, closeSignal) => resolve(closeSignal)));
  clearTimeout(guard);
  clearTimeout(killTimer);
  expect(signal, `child stderr: ${errors}`).toBe("SIGKILL");
  return output
    .split("\n")
    .filter((line) => line.length > 0)
    .map(Number);
}

describe("feedback file durability under crashes", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "feedback-crash-"));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("keeps every confirmed record intact when the writer is SIGKILLed at random points, and goes on appending after", { timeout: 60_000 }, async () => {
    const path = join(directory, "feedback.jsonl");
    const random = seededRandom(11);
    const confirmed = new Map<number, number[]>();
    const rounds = 4;
    for (let round = 0; round < rounds; round += 1) {
      confirmed.set(round, await appendUntilKilled(path, round, 3 + Math.floor(random() * 12), Math.floor(random() * 15)));
    }
    // After the last crash this process appends too: it must start on a line of its own.
    const after: FeedbackRecord = { ...crashRecord(99, 0), answer_key: "after-the-crashes" };
    await createJsonlFeedbackStore(path).append(after);

    const lines = (await readFile(path, "utf8")).split("\n");
    expect(lines.at(-1)).toBe("");
    const parsed: FeedbackRecord[] = [];
    const torn: string[] = [];
    for (const line of lines.slice(0, -1)) {
      try {
        parsed.push(JSON.parse(line) as FeedbackRecord);
      } catch {
        torn.push(line);
      }
    }
    // Every append that resolved is there, whole, in order, once.
    for (const [round, indexes] of confirmed) {
      expect(indexes.length).toBeGreaterThanOrEqual(3);
      const written = parsed.filter((record) => record.user === `W${round}`);
      expect(written.slice(0, indexes.length)).toEqual(indexes.map((index) => crashRecord(round, index)));
      // At most the one append in flight at the kill made it too.
      expect(written.length - indexes.length).toBeLessThanOrEqual(1);
      if (written.length > indexes.length) expect(written.at(-1)).toEqual(crashRecord(round, indexes.length));
    }
    expect(parsed.at(-1)).toEqual(after);
    // A torn line can only be the start of the record that was in flight when its writer died.
    expect(torn.length).toBeLessThanOrEqual(rounds);
    for (const line of torn) {
      const inFlight = [...confirmed].map(([round, indexes]) => JSON.stringify(crashRecord(round, indexes.length)));
      // A kill can stop a write inside a multi-byte character: the decoded line then ends in U+FFFD.
      const whole = line.replace(/\uFFFD+$/, "");
      expect(inFlight.some((serialized) => serialized.startsWith(whole))).toBe(true);
    }

    const read = await readFeedbackFile(path);
    expect(read.records).toEqual(parsed);
    expect(read.skippedLines).toBe(torn.length);
  });

  it("reads a file whose last line was cut at any point: every earlier record, the torn line skipped", async () => {
    const path = join(directory, "feedback.jsonl");
    const store = createJsonlFeedbackStore(path);
    const records = [0, 1, 2].map((index) => crashRecord(5, index));
    for (const record of records) await store.append(record);
    const whole = (await stat(path)).size;
    const lastLength = Buffer.byteLength(`${JSON.stringify(records[2])}\n`);
    const random = seededRandom(5);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      // Cut somewhere inside the last record (never at its very end, which is a whole line).
      const cut = whole - lastLength + 1 + Math.floor(random() * (lastLength - 2));
      const copy = join(directory, `cut-${attempt}.jsonl`);
      await writeFile(copy, (await readFile(path)).subarray(0, cut));

      const read = await readFeedbackFile(copy);
      expect(read.records).toEqual(records.slice(0, 2));
      expect(read.skippedLines).toBe(1);

      await createJsonlFeedbackStore(copy).append(records[2] as FeedbackRecord);
      const repaired = await readFeedbackFile(copy);
      expect(repaired.records).toEqual(records);
      expect(repaired.skippedLines).toBe(1);
    }
  });

  it("reads a missing file as empty", async () => {
    expect(await readFeedbackFile(join(directory, "none.jsonl"))).toEqual({ records: [], skippedLines: 0 });
  });
});
