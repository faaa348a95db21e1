import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAssistant } from "../app/create-assistant.js";
import { SEED_FILE } from "../../test/support/real-assistant.js";
import { readCurrentVersion } from "./index-files.js";

function seedsDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), "plan-seeds-"));
  copyFileSync(SEED_FILE, join(directory, "liangping.txt"));
  return directory;
}

describe("index build and load", () => {
  it("builds a missing index, then loads it unchanged on the next start", async () => {
    const seedsDir = seedsDirectory();
    const indexDir = mkdtempSync(join(tmpdir(), "plan-index-"));
    const first = await createAssistant({ seedsDir, indexDir });
    expect(first.indexStatus).toBe("built");
    expect(first.index.manifest.seeds.map((seed) => seed.doc)).toEqual(["liangping"]);
    expect(first.index.manifest.embedder.id).toMatch(/^hashed-tfidf-512/);
    expect(first.index.manifest.chunkCount).toBe(first.index.chunks.length);
    const second = await createAssistant({ seedsDir, indexDir });
    expect(second.indexStatus).toBe("loaded");
    expect(second.index.manifest.fingerprint).toBe(first.index.manifest.fingerprint);
    const answer = await second.answer("2025年学前三年毛入园率目标是多少？");
    expect(answer.answer).toContain("≥94.0");
  });

  it("rebuilds by itself when a seed changes", async () => {
    const seedsDir = seedsDirectory();
    const indexDir = mkdtempSync(join(tmpdir(), "plan-index-"));
    const first = await createAssistant({ seedsDir, indexDir });
    appendFileSync(join(seedsDir, "liangping.txt"), "\n");
    const second = await createAssistant({ seedsDir, indexDir });
    expect(second.indexStatus).toBe("built");
    expect(second.index.manifest.seeds[0]!.sha256).not.toBe(first.index.manifest.seeds[0]!.sha256);
  });

  it("detects a truncated index file and rebuilds instead of serving it", async () => {
    const seedsDir = seedsDirectory();
    const indexDir = mkdtempSync(join(tmpdir(), "plan-index-"));
    await createAssistant({ seedsDir, indexDir });
    const live = (await readCurrentVersion(indexDir))!;
    const bm25 = join(live, "bm25.json");
    writeFileSync(bm25, readFileSync(bm25, "utf8").slice(0, 1000));
    const reopened = await createAssistant({ seedsDir, indexDir });
    expect(reopened.indexStatus).toBe("built");
    expect(await reopened.answer("谁负责规划的中期和终期评估？")).toMatchObject({ found: true });
  });

  it("keeps the previous index live when a build fails before publishing (atomic write)", async () => {
    const seedsDir = seedsDirectory();
    const indexDir = mkdtempSync(join(tmpdir(), "plan-index-"));
    const first = await createAssistant({ seedsDir, indexDir });
    const liveBefore = await readCurrentVersion(indexDir);
    appendFileSync(join(seedsDir, "liangping.txt"), "\n附加一行。\n");
    const { buildIndex } = await import("./build-index.js");
    const { readSeeds } = await import("../app/read-seeds.js");
    const { plans, seeds } = await readSeeds(seedsDir);
    await expect(
      buildIndex({
        root: indexDir,
        plans,
        seeds,
        segmenter: first.engine.segmenter,
        embedder: first.engine.embedder,
        beforePublish: () => {
          throw new Error("simulated crash mid-write");
        },
      }),
    ).rejects.toThrow(/simulated crash/);
    expect(await readCurrentVersion(indexDir)).toBe(liveBefore);
    // The old version is still complete and loadable with the old seeds' fingerprint.
    const versions = readdirSync(indexDir).filter((name) => name.startsWith("v-"));
    expect(versions.length).toBeGreaterThanOrEqual(1);
    const { loadIndex } = await import("./load-index.js");
    const loaded = await loadIndex(indexDir, first.index.manifest.fingerprint, first.engine.embedder);
    expect(loaded.kind).toBe("loaded");
  });
});
