import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Chunk } from "../chunk/chunk-plan.js";
import type { Bm25Data } from "./bm25-index.js";
import type { IndexManifest } from "./index-manifest.js";

/** The loaded index: chunks, the lexical index over their tokens and the vector store. */
export interface PlanIndex {
  readonly manifest: IndexManifest;
  readonly chunks: readonly Chunk[];
  readonly bm25: Bm25Data;
  readonly vectorStore: HNSWLib;
  /** Where the live version sits on disk. */
  readonly directory: string;
}
