import { readSeeds, scanSeeds } from "../app/read-seeds.js";
import type { ConvertLimits } from "../convert/limits.js";
import { buildIndex, inputsKey } from "./build-index.js";
import { codeVersion } from "./code-version.js";
import { loadStoredModel } from "./load-index.js";
import type { PlanStore } from "./plan-store.js";

export interface EmbeddedStoreOptions {
  readonly seedsDir: string;
  readonly indexDir: string;
  readonly convertLimits?: Partial<ConvertLimits>;
}

/**
 * The default store: plans are the files in SEEDS_DIR, the index and the parsed model are versioned
 * files under INDEX_DIR (published atomically, see index-files.ts). A start hashes the seed files and
 * loads the model when they, the code and the limits are unchanged; it parses nothing.
 */
export function createEmbeddedStore(options: EmbeddedStoreOptions): PlanStore {
  const limits = options.convertLimits ?? {};
  const currentKey = async () => inputsKey(await scanSeeds(options.seedsDir, { limits }), codeVersion(), limits);
  return {
    kind: "embedded",
    cacheDir: options.indexDir,
    async loadModel() {
      return loadStoredModel(options.indexDir, await currentKey());
    },
    readPlans: () => readSeeds(options.seedsDir, { limits }),
    async publish(input) {
      const { knowledge, dictionary, skipped, warnings, currentYear, deriveEngine, ...build } = input;
      return buildIndex({ ...build, root: options.indexDir, model: { inputsKey: await currentKey(), knowledge, dictionary, skipped, warnings, currentYear, deriveEngine } });
    },
    async health() {
      return { kind: "embedded", ok: true, detail: `index files in ${options.indexDir}` };
    },
    async close() {},
  };
}
