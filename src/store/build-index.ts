import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { chunkPlan, type Chunk, type ChunkOptions } from "../chunk/chunk-plan.js";
import type { Engine } from "../answer/engine.js";
import { buildKnowledge, type Knowledge } from "../answer/knowledge.js";
import type { Embedder } from "../embed/embedder.js";
import type { DictionaryContent } from "../segment/prepare-dictionary.js";
import { PlanAssistantError } from "../errors.js";
import type { Plan } from "../parse/plan-types.js";
import { contentTokens, type Segmenter } from "../segment/segmenter.js";
import { buildBm25 } from "./bm25-index.js";
import { createStagingDirectory, fileChecksum, GRAPH_FILE, publishVersion, sha256, writeFileDurably } from "./index-files.js";
import { INDEX_SCHEMA_VERSION, type IndexManifest } from "./index-manifest.js";
import { encodeSnapshot, engineParts } from "./model-snapshot.js";
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
  /** What is persisted beside the index so that a start loads instead of re-parsing (see model-snapshot.ts). */
  readonly model?: ModelInput;
  /** Test hook: called after the version's files are written and before it is published. */
  readonly beforePublish?: (stagingDirectory: string) => Promise<void> | void;
}

/** The parsed model to persist, and how to derive the engine once the index exists. */
export interface ModelInput {
  /** Hash of what the model is derived from (see inputsKey); a start with the same key loads it. */
  readonly inputsKey: string;
  readonly knowledge: Knowledge;
  readonly dictionary: DictionaryContent | null;
  readonly skipped: readonly string[];
  readonly warnings: readonly string[];
  readonly currentYear: number;
  /** Derives the engine from the built index (createEngine); its derived fields are persisted. */
  readonly deriveEngine: (index: PlanIndex) => Engine;
}

/** The built index, and the engine when the build was given a model. */
export interface BuiltIndex extends PlanIndex {
  readonly engine: Engine | null;
}

/**
 * Hash of everything the persisted model is derived from, computable without parsing: the plan
 * files found (name, hash), the code that parses and derives (codeVersion), the index schema and the
 * conversion limits (they decide which files are skipped).
 */
export function inputsKey(files: readonly { readonly file: string; readonly sha256: string }[], code: string, limits: unknown = {}): string {
  return sha256(JSON.stringify({ schema: INDEX_SCHEMA_VERSION, code, files: files.map((file) => [file.file, file.sha256]), limits }));
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
export async function buildIndex(input: BuildIndexInput): Promise<BuiltIndex> {
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
      files[name] = fileChecksum(Buffer.from(data));
    };
    const partial: PlanIndex = { manifest: { schemaVersion: INDEX_SCHEMA_VERSION, createdAt: "", fingerprint: "", seeds: [...input.seeds], segmenter: input.segmenter.id, embedder: { id: input.embedder.id, dimension }, chunkCount: chunks.length, inputsKey: null, files: {} }, chunks, bm25, vectorStore, directory: staging.path };
    const engine = input.model?.deriveEngine(partial) ?? null;
    const snapshot = encodeSnapshot({
      seeds: input.seeds,
      skipped: input.model?.skipped ?? [],
      warnings: input.model?.warnings ?? [],
      knowledge: input.model?.knowledge ?? buildKnowledge(input.plans),
      dictionary: input.model?.dictionary ?? null,
      currentYear: input.model?.currentYear ?? 0,
      engineParts: engine ? engineParts(engine) : null,
      chunks,
      bm25,
    });
    await writeFileDurably(join(staging.path, "model.v8"), snapshot);
    files["model.v8"] = fileChecksum(snapshot);
    await write("embedder.json", JSON.stringify(embedderState));
    const sizes: Record<string, number> = {};
    if (chunks.length > 0) {
      // The graph alone: the loader takes the chunks from model.v8 as the docstore (HNSWLib.save would add docstore.json, a copy of them).
      await mkdir(join(staging.path, "hnsw"), { recursive: true });
      await vectorStore.index.writeIndex(join(staging.path, GRAPH_FILE));
      const graph = await readFile(join(staging.path, GRAPH_FILE));
      files[GRAPH_FILE] = fileChecksum(graph);
      sizes[GRAPH_FILE] = graph.length;
    }
    const manifest: IndexManifest = {
      schemaVersion: INDEX_SCHEMA_VERSION,
      createdAt: new Date().toISOString(),
      fingerprint: indexFingerprint(input.seeds, input.segmenter, input.embedder, input.chunkOptions),
      seeds: [...input.seeds],
      segmenter: input.segmenter.id,
      embedder: { id: input.embedder.id, dimension },
      chunkCount: chunks.length,
      inputsKey: input.model?.inputsKey ?? null,
      files,
      sizes,
    };
    await input.beforePublish?.(staging.path);
    // The manifest is written last: a version directory without one is an unfinished build.
    await writeFileDurably(join(staging.path, "manifest.json"), JSON.stringify(manifest, null, 2));
    await publishVersion(input.root, staging.name);
    const index: PlanIndex = { manifest, chunks, bm25, vectorStore, directory: staging.path };
    return { ...index, engine: engine ? { ...engine, index } : null };
  } catch (error) {
    if (error instanceof PlanAssistantError) throw error;
    throw new PlanAssistantError("INDEX_WRITE_FAILED", `Could not write the index under ${input.root}: ${(error as Error).message}. Check that INDEX_DIR is writable.`, { cause: error });
  }
}
