import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAssistant, type LoadedAssistant } from "../../src/app/create-assistant.js";

export const SEEDS_DIR = join(import.meta.dirname, "..", "..", "seeds");
export const SEED_FILE = join(SEEDS_DIR, "liangping-education-plan-2021-2025.txt");

let shared: Promise<LoadedAssistant> | null = null;

/** The real assistant over the real seed, with its index in a temporary directory (one per test worker). */
export function realAssistant(): Promise<LoadedAssistant> {
  shared ??= createAssistant({ seedsDir: SEEDS_DIR, indexDir: mkdtempSync(join(tmpdir(), "plan-index-")) });
  return shared;
}
