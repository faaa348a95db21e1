import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { PlanAssistantError, describeError } from "../errors.js";
import { decodeText } from "../parse/decode-text.js";
import { parsePlan } from "../parse/parse-plan.js";
import type { Plan } from "../parse/plan-types.js";
import { sha256 } from "../store/index-files.js";
import type { SeedInfo } from "../store/build-index.js";

export interface LoadedSeeds {
  readonly plans: readonly Plan[];
  readonly seeds: readonly SeedInfo[];
  /** Files that could not be used, with the reason (empty, binary…). */
  readonly skipped: readonly string[];
}

async function listTextFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && extname(entry.name).toLowerCase() === ".txt")
    .map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))
    .sort();
}

/**
 * Reads and parses every `*.txt` plan under `directory`. Unusable files (empty, binary) are
 * skipped with a reason; at least one plan must load.
 * @throws PlanAssistantError SEEDS_MISSING when no plan can be loaded.
 */
export async function readSeeds(directory: string): Promise<LoadedSeeds> {
  let files: string[];
  try {
    files = await listTextFiles(directory);
  } catch (error) {
    throw new PlanAssistantError("SEEDS_MISSING", `Cannot read SEEDS_DIR ${directory}: ${(error as Error).message}. Set SEEDS_DIR to the folder holding the plan .txt files.`, { cause: error });
  }
  const plans: Plan[] = [];
  const seeds: SeedInfo[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const bytes = await readFile(file);
    // The id is the path under SEEDS_DIR without extension, so same-named files in subfolders stay distinct.
    const doc = relative(directory, file).slice(0, -extname(file).length).split(sep).join("/");
    try {
      const { text } = decodeText(bytes, relative(directory, file));
      plans.push(parsePlan(doc, text));
      seeds.push({ doc, file: relative(directory, file), sha256: sha256(bytes), bytes: bytes.length });
    } catch (error) {
      skipped.push(`${relative(directory, file)}: ${describeError(error)}`);
    }
  }
  if (plans.length === 0) {
    throw new PlanAssistantError("SEEDS_MISSING", `No plan text found in SEEDS_DIR ${directory}${skipped.length ? ` (${skipped.join("; ")})` : ""}. Put at least one plan .txt file there.`);
  }
  return { plans, seeds, skipped };
}
