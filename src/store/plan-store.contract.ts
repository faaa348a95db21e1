import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_FILE } from "../../test/support/real-assistant.js";
import { createAssistant } from "../app/create-assistant.js";
import type { PlanStore } from "./plan-store.js";

/** A fresh, empty store over `seedsDir` (and whatever else the implementation needs), with its teardown. */
export type StoreFactory = (seedsDir: string) => Promise<{ readonly store: PlanStore; readonly reopen: () => Promise<PlanStore>; readonly dispose: () => Promise<void> }>;

const QUESTIONS = ["2025年学前三年毛入园率目标是多少？", "谁负责规划的中期和终期评估？", "智慧校园有哪些项目", "那2022年呢"];

/** What every PlanStore must do; run for each implementation (embedded-store.test.ts, test/postgres). */
export function describePlanStoreContract(name: string, factory: StoreFactory): void {
  const seeds = () => {
    const directory = mkdtempSync(join(tmpdir(), "plan-seeds-"));
    copyFileSync(SEED_FILE, join(directory, "liangping.txt"));
    return directory;
  };

  describe(`PlanStore contract: ${name}`, () => {
    it("is missing before the first build, builds, then loads the same model without reading the plans", async () => {
      const seedsDir = seeds();
      const { store, reopen, dispose } = await factory(seedsDir);
      try {
        expect((await store.loadModel()).kind).toBe("missing");
        const built = await createAssistant({ seedsDir, indexDir: store.cacheDir, store });
        expect(built.indexStatus).toBe("built");
        const again = await reopen();
        let reads = 0;
        const counting: PlanStore = { ...again, readPlans: async () => { reads += 1; return again.readPlans(); } };
        const loaded = await createAssistant({ seedsDir, indexDir: again.cacheDir, store: counting });
        expect(loaded.indexStatus).toBe("loaded");
        expect(reads).toBe(0);
        expect(loaded.index.chunks.length).toBe(built.index.chunks.length);
        for (const question of QUESTIONS) expect(await loaded.answer(question, ["2025年学前三年毛入园率目标是多少？"])).toEqual(await built.answer(question, ["2025年学前三年毛入园率目标是多少？"]));
        expect((await again.health()).ok).toBe(true);
      } finally {
        await dispose();
      }
    });

    it("keeps the previous version serving when a build fails before it is published", async () => {
      const seedsDir = seeds();
      const { store, reopen, dispose } = await factory(seedsDir);
      try {
        const first = await createAssistant({ seedsDir, indexDir: store.cacheDir, store });
        const source = await store.readPlans();
        const failing = first.engine;
        await expect(store.publish({ plans: source.plans, seeds: source.seeds, segmenter: failing.segmenter, embedder: failing.embedder, knowledge: failing.knowledge, dictionary: null, skipped: [], warnings: [], currentYear: 2024, deriveEngine: () => { throw new Error("killed mid-build"); } })).rejects.toThrow(/killed mid-build/);
        const reopened = await createAssistant({ seedsDir, indexDir: store.cacheDir, store: await reopen(), rebuild: "never" });
        expect(reopened.indexStatus).toBe("loaded");
        expect(await reopened.answer(QUESTIONS[0]!)).toEqual(await first.answer(QUESTIONS[0]!));
      } finally {
        await dispose();
      }
    });
  });
}
