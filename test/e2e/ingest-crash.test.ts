import { spawn } from "node:child_process";
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAssistant } from "../../src/app/create-assistant.js";
import { readCurrentVersion } from "../../src/store/index-files.js";
import { loadIndex } from "../../src/store/load-index.js";
import { SEED_FILE } from "../support/real-assistant.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** Runs `npm run ingest`'s entry point and kills it with SIGKILL after `delayMs`. */
async function killedIngest(seedsDir: string, indexDir: string, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, ["scripts/run.mjs", "src/cli/ingest.ts"], { cwd: ROOT, env: { PATH: process.env.PATH, SEEDS_DIR: seedsDir, INDEX_DIR: indexDir, ENV_FILE: join(indexDir, "none.env") }, stdio: "ignore" });
  const timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
  await new Promise((resolve) => child.on("close", resolve));
  clearTimeout(timer);
}

describe("an ingest killed mid-write", () => {
  it("leaves a complete index live at every kill point, and the bot keeps answering", async () => {
    const seedsDir = mkdtempSync(join(tmpdir(), "plan-seeds-"));
    const indexDir = mkdtempSync(join(tmpdir(), "plan-index-"));
    copyFileSync(SEED_FILE, join(seedsDir, "plan.txt"));
    const first = await createAssistant({ seedsDir, indexDir });
    expect(first.indexStatus).toBe("built");
    // Kill points spread over start-up, parsing, indexing and writing.
    for (const [round, delay] of [40, 150, 300, 450, 600, 800, 1000, 1300].entries()) {
      appendFileSync(join(seedsDir, "plan.txt"), `\n第${round}次修改。\n`);
      await killedIngest(seedsDir, indexDir, delay);
      const live = await readCurrentVersion(indexDir);
      expect(live).not.toBeNull();
      // The live version (old or new) is complete: its manifest exists and every checksum verifies.
      const manifest = JSON.parse(readFileSync(join(live!, "manifest.json"), "utf8")) as { fingerprint: string };
      expect((await loadIndex(indexDir, manifest.fingerprint, first.engine.embedder)).kind).toBe("loaded");
      // Whatever the kill point, the bot starts (loading or rebuilding) and answers from a complete index.
      const assistant = await createAssistant({ seedsDir, indexDir });
      const answer = await assistant.answer("2025年学前三年毛入园率目标是多少？");
      expect(answer.answer).toContain("≥94.0");
    }
  }, 120_000);
});
