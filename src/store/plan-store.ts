import type { Knowledge } from "../answer/knowledge.js";
import type { Plan } from "../parse/plan-types.js";
import type { DictionaryContent } from "../segment/prepare-dictionary.js";
import type { BuildIndexInput, BuiltIndex, SeedInfo } from "./build-index.js";
import type { LoadModelResult } from "./load-index.js";
import type { CatalogBackend } from "./plan-catalog.js";

/** Plans read from their source (seed files, or the plan rows of a database), ready to index. */
export interface PlanSource {
  readonly plans: readonly Plan[];
  readonly seeds: readonly SeedInfo[];
  /** Files that could not be used, each "path: CODE: reason". */
  readonly skipped: readonly string[];
  readonly warnings: readonly string[];
}

/** What `/healthz` and the logs say about the store. */
export interface StoreHealth {
  readonly kind: PlanStore["kind"];
  readonly ok: boolean;
  /** "index files in ./index", "PostgreSQL 16.4 at db.example:5432/plans", or why it is down. */
  readonly detail: string;
}

/** What a store needs to persist a build: the index input without where it goes. */
export type PublishInput = Omit<BuildIndexInput, "root" | "model"> & {
  readonly knowledge: Knowledge;
  readonly dictionary: DictionaryContent | null;
  readonly skipped: readonly string[];
  readonly warnings: readonly string[];
  readonly currentYear: number;
  readonly deriveEngine: NonNullable<BuildIndexInput["model"]>["deriveEngine"];
};

/**
 * Where the plans, the index and the parsed model live. Two implementations pass one contract
 * suite (plan-store.contract.ts): index files on disk (the default, nothing to install) and
 * PostgreSQL (`DATABASE_URL`), which several replicas can share.
 */
export interface PlanStore {
  readonly kind: "embedded" | "postgres";
  /** A local folder for caches derived on this machine (the trimmed jieba dictionary). */
  readonly cacheDir: string;
  /**
   * The persisted model and index if they are current (same plan files and code), else why not.
   * Never throws for a missing, stale or corrupt model.
   */
  loadModel(): Promise<LoadModelResult>;
  /** Reads and parses the plans from their source, for a rebuild (the slow path). */
  readPlans(): Promise<PlanSource>;
  /**
   * Builds the index and publishes it with the model so that the next start loads it. Atomic:
   * a build that fails or is killed leaves the previous version serving.
   * @throws PlanAssistantError INDEX_WRITE_FAILED or DATABASE_UNAVAILABLE.
   */
  publish(input: PublishInput): Promise<BuiltIndex>;
  health(): Promise<StoreHealth>;
  /**
   * Present when the store serves plans on demand (PostgreSQL): a catalog at start, each plan's part
   * when a question reaches it (see create-catalog-assistant.ts); loadModel and publish are then unused.
   */
  readonly catalog?: CatalogBackend;
  /** Releases connections; the process can exit afterwards. */
  close(): Promise<void>;
}
