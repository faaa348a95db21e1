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

  it("loads the persisted model without reading the plans again, and the same answers come back", async () => {
    const seedsDir = seedsDirectory();
    const indexDir = mkdtempSync(join(tmpdir(), "plan-index-"));
    const first = await createAssistant({ seedsDir, indexDir });
    const { createEmbeddedStore } = await import("./embedded-store.js");
    const store = createEmbeddedStore({ seedsDir, indexDir });
    let parsed = 0;
    const counting = { ...store, readPlans: async () => { parsed += 1; return store.readPlans(); } };
    const second = await createAssistant({ seedsDir, indexDir, store: counting });
    expect(second.indexStatus).toBe("loaded");
    expect(parsed).toBe(0);
    expect(second.plans.map((plan) => plan.doc)).toEqual(first.plans.map((plan) => plan.doc));
    for (const question of ["2025年学前三年毛入园率目标是多少？", "谁负责规划的中期和终期评估？", "智慧校园有哪些项目"]) {
      expect(await second.answer(question)).toEqual(await first.answer(question));
    }
  });

  it("treats a model built by other code as stale (the inputs key covers the code version)", async () => {
    const seedsDir = seedsDirectory();
    const indexDir = mkdtempSync(join(tmpdir(), "plan-index-"));
    await createAssistant({ seedsDir, indexDir });
    const live = (await readCurrentVersion(indexDir))!;
    const manifestPath = join(live, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { inputsKey: string };
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, inputsKey: "built-by-older-code" }));
    const { loadStoredModel } = await import("./load-index.js");
    const { scanSeeds } = await import("../app/read-seeds.js");
    const { inputsKey } = await import("./build-index.js");
    const { codeVersion } = await import("./code-version.js");
    expect((await loadStoredModel(indexDir, inputsKey(await scanSeeds(seedsDir), codeVersion(), {}))).kind).toBe("stale");
    expect((await createAssistant({ seedsDir, indexDir })).indexStatus).toBe("built");
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
    const model = join(live, "model.v8");
    writeFileSync(model, readFileSync(model).subarray(0, 1000));
    const reopened = await createAssistant({ seedsDir, indexDir });
    expect(reopened.indexStatus).toBe("built");
    expect(await reopened.answer("谁负责规划的中期和终期评估？")).toMatchObject({ found: true });
  });

  it("reads the vector graph on first use: a truncated graph is caught at start, a modified one when first read", async () => {
    const seedsDir = seedsDirectory();
    const indexDir = mkdtempSync(join(tmpdir(), "plan-index-"));
    await createAssistant({ seedsDir, indexDir });
    const live = (await readCurrentVersion(indexDir))!;
    const graph = join(live, "hnsw", "hnswlib.index");
    const original = readFileSync(graph);
    // Same size, other bytes: only the checksum on first read can tell.
    const modified = Buffer.from(original);
    modified.writeUInt8(modified.readUInt8(modified.length - 1) ^ 0xff, modified.length - 1);
    writeFileSync(graph, modified);
    const loaded = await createAssistant({ seedsDir, indexDir, rebuild: "never" });
    expect(loaded.indexStatus).toBe("loaded");
    expect(() => loaded.index.vectorStore).toThrow(/does not match its checksum.*npm run ingest/);
    writeFileSync(graph, original);
    const intact = await createAssistant({ seedsDir, indexDir, rebuild: "never" });
    expect(intact.index.vectorStore.index.getCurrentCount()).toBe(intact.index.chunks.length);
    expect(intact.index.vectorStore).toBe(intact.index.vectorStore);
    writeFileSync(graph, original.subarray(0, 1000));
    expect((await createAssistant({ seedsDir, indexDir })).indexStatus).toBe("built");
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
