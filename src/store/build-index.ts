import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { chunkPlan, type Chunk, type ChunkOptions } from "../chunk/chunk-plan.js";
import type { Embedder } from "../embed/embedder.js";
import { PlanAssistantError } from "../errors.js";
import type { Plan } from "../parse/plan-types.js";
import { contentTokens, type Segmenter } from "../segment/segmenter.js";
import { buildBm25 } from "./bm25-index.js";
import { createStagingDirectory, publishVersion, sha256, writeFileDurably } from "./index-files.js";
import { INDEX_SCHEMA_VERSION, type IndexManifest } from "./index-manifest.js";
import type { PlanIndex } from "./plan-index.js";

/** A seed file as read from disk: its document id, file name and content hash. */
export interface SeedInfo {
  readonly doc: string;
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface BuildIndexInput {
  readonly root: string;
  readonly plans: readonly Plan[];
  readonly seeds: readonly SeedInfo[];
  readonly segmenter: Segmenter;
  readonly embedder: Embedder;
  readonly chunkOptions?: ChunkOptions;
  /** Test hook: called after the version's files are written and before it is published. */
  readonly beforePublish?: (stagingDirectory: string) => Promise<void> | void;
}

/** The text a chunk is matched on: its node title (section or box heading) and its sentences. */
export function chunkSearchText(chunk: Chunk): string {
  const title = chunk.location.heading.split(" › ").pop() ?? "";
  return `${title}\n${chunk.text}`;
}

/** Hash of every input that shapes the index; a different value means the index is stale. */
export function indexFingerprint(seeds: readonly SeedInfo[], segmenter: Segmenter, embedder: Embedder, chunkOptions: ChunkOptions = {}): string {
  return sha256(JSON.stringify({ schema: INDEX_SCHEMA_VERSION, seeds: seeds.map((seed) => [seed.doc, seed.sha256]), segmenter: segmenter.id, embedder: embedder.id, chunkOptions }));
}

/**
 * Chunks the plans, builds the BM25 and HNSW indexes, and publishes them atomically under
 * `root`: files go to a fresh version directory with a manifest of checksums, then the CURRENT
 * pointer is renamed over. A crash at any point leaves the previous index live.
 * @throws PlanAssistantError INDEX_WRITE_FAILED when the directory cannot be written.
 */
export async function buildIndex(input: BuildIndexInput): Promise<PlanIndex> {
  const chunks = input.plans.flatMap((plan) => chunkPlan(plan, input.chunkOptions));
  const texts = chunks.map(chunkSearchText);
  const bm25 = buildBm25(texts.map((text) => contentTokens(input.segmenter.cut(text))));
  const embedderState = input.embedder.fit?.(texts) ?? null;
  const vectors = await input.embedder.embeddings.embedDocuments(texts);
  const dimension = vectors[0]?.length ?? input.embedder.dimension ?? 1;
  const vectorStore = new HNSWLib(input.embedder.embeddings, { space: "cosine", numDimensions: dimension });
  await vectorStore.addVectors(vectors, chunks.map((chunk, index) => new Document({ pageContent: chunk.text, metadata: { chunk: index, id: chunk.id } })));

  let staging: { name: string; path: string };
  try {
    staging = await createStagingDirectory(input.root);
    const files: Record<string, string> = {};
    const write = async (name: string, data: string) => {
      await writeFileDurably(join(staging.path, name), data);
      files[name] = sha256(data);
    };
    await write("chunks.json", JSON.stringify(chunks));
    await write("bm25.json", JSON.stringify(bm25));
    await write("embedder.json", JSON.stringify(embedderState));
    if (chunks.length > 0) {
      await vectorStore.save(join(staging.path, "hnsw"));
      for (const name of ["hnswlib.index", "args.json", "docstore.json"]) {
        files[`hnsw/${name}`] = sha256(await readFile(join(staging.path, "hnsw", name)));
      }
    }
    const manifest: IndexManifest = {
      schemaVersion: INDEX_SCHEMA_VERSION,
      createdAt: new Date().toISOString(),
      fingerprint: indexFingerprint(input.seeds, input.segmenter, input.embedder, input.chunkOptions),
      seeds: [...input.seeds],
      segmenter: input.segmenter.id,
      embedder: { id: input.embedder.id, dimension },
      chunkCount: chunks.length,
      files,
    };
    await input.beforePublish?.(staging.path);
    // The manifest is written last: a version directory without one is an unfinished build.
    await writeFileDurably(join(staging.path, "manifest.json"), JSON.stringify(manifest, null, 2));
    await publishVersion(input.root, staging.name);
    return { manifest, chunks, bm25, vectorStore, directory: staging.path };
  } catch (error) {
    if (error instanceof PlanAssistantError) throw error;
    throw new PlanAssistantError("INDEX_WRITE_FAILED", `Could not write the index under ${input.root}: ${(error as Error).message}. Check that INDEX_DIR is writable.`, { cause: error });
  }
}
