import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import { Document } from "@langchain/core/documents";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Embedder } from "../embed/embedder.js";
import { readCurrentVersion, sha256 } from "./index-files.js";
import { manifestSchema, type IndexManifest } from "./index-manifest.js";
import { decodeSnapshot, type ModelSnapshot } from "./model-snapshot.js";
import type { PlanIndex } from "./plan-index.js";

export type LoadIndexResult =
  | { readonly kind: "loaded"; readonly index: PlanIndex }
  | { readonly kind: "missing" }
  | { readonly kind: "stale"; readonly reason: string }
  | { readonly kind: "corrupt"; readonly reason: string };

/** A stored model read back, with what is needed to open its vector index. */
export interface StoredModel {
  readonly manifest: IndexManifest;
  readonly snapshot: ModelSnapshot;
  readonly directory: string;
  /** Reads the HNSW graph (called once the embedder is known to match). */
  readonly openVectors: (embedder: Embedder) => Promise<HNSWLib>;
}

export type LoadModelResult =
  | { readonly kind: "loaded"; readonly model: StoredModel }
  | { readonly kind: "missing" }
  | { readonly kind: "stale"; readonly reason: string }
  | { readonly kind: "corrupt"; readonly reason: string };

/**
 * Reads the live version's manifest and persisted model. With `expectedInputsKey`, a model derived
 * from other files, code or limits is reported stale before anything large is read. Every file is
 * checked against the manifest's checksum. Never throws.
 */
export async function loadStoredModel(root: string, expectedInputsKey: string | null): Promise<LoadModelResult> {
  const directory = await readCurrentVersion(root);
  if (!directory) return { kind: "missing" };
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(await readFile(join(directory, "manifest.json"), "utf8"));
  } catch (error) {
    return { kind: "corrupt", reason: (error as NodeJS.ErrnoException).code === "ENOENT" ? `manifest missing in ${directory}` : "manifest is not valid JSON" };
  }
  const parsed = manifestSchema.safeParse(manifestJson);
  if (!parsed.success) return { kind: "corrupt", reason: `manifest invalid: ${parsed.error.issues[0]?.message ?? "unknown"}` };
  const manifest = parsed.data;
  if (expectedInputsKey !== null && manifest.inputsKey !== expectedInputsKey) return { kind: "stale", reason: "seeds, code or index format changed" };
  const contents = new Map<string, Buffer>();
  for (const [name, expected] of Object.entries(manifest.files)) {
    let data: Buffer;
    try {
      data = await readFile(join(directory, name));
    } catch {
      return { kind: "corrupt", reason: `${name} missing` };
    }
    if (sha256(data) !== expected) return { kind: "corrupt", reason: `${name} checksum mismatch (truncated or modified)` };
    contents.set(name, data);
  }
  const modelBytes = contents.get("model.v8");
  if (!modelBytes) return { kind: "corrupt", reason: "model.v8 missing" };
  let snapshot: ModelSnapshot;
  try {
    snapshot = decodeSnapshot(modelBytes);
  } catch (error) {
    return { kind: "corrupt", reason: `cannot read the model: ${(error as Error).message}` };
  }
  contents.delete("model.v8");
  const embedderState = contents.get("embedder.json");
  const graph = contents.get("hnsw/hnswlib.index");
  const openVectors = async (embedder: Embedder): Promise<HNSWLib> => {
    const state = embedderState ? (JSON.parse(embedderState.toString("utf8")) as unknown) : null;
    if (state !== null) embedder.restore?.(state);
    const args = { space: "cosine" as const, numDimensions: manifest.embedder.dimension };
    if (snapshot.chunks.length === 0 || !graph) return new HNSWLib(embedder.embeddings, args);
    const { HierarchicalNSW } = await HNSWLib.imports();
    const index = new HierarchicalNSW(args.space, args.numDimensions);
    await index.readIndex(join(directory, "hnsw", "hnswlib.index"));
    // The docstore is the chunks themselves (HNSWLib.save's docstore.json would be parsed again).
    const docstore = new SynchronousInMemoryDocstore(new Map(snapshot.chunks.map((chunk, position) => [String(position), new Document({ pageContent: chunk.text, metadata: { chunk: position, id: chunk.id } })])));
    return new HNSWLib(embedder.embeddings, { ...args, index, docstore });
  };
  return { kind: "loaded", model: { manifest, snapshot, directory, openVectors } };
}

/**
 * Opens a stored model as an index if it was built from the same inputs (`fingerprint`: seeds,
 * segmenter, embedder). Never throws: a missing, stale or corrupt index is reported.
 */
export async function openStoredIndex(model: StoredModel, fingerprint: string, embedder: Embedder): Promise<LoadIndexResult> {
  const { manifest } = model;
  if (manifest.fingerprint !== fingerprint) {
    const reason = manifest.embedder.id !== embedder.id ? `built with embedder ${manifest.embedder.id}, configured ${embedder.id}` : "seeds, dictionary or index format changed";
    return { kind: "stale", reason };
  }
  try {
    const vectorStore = await model.openVectors(embedder);
    return { kind: "loaded", index: { manifest, chunks: model.snapshot.chunks, bm25: model.snapshot.bm25, vectorStore, directory: model.directory } };
  } catch (error) {
    return { kind: "corrupt", reason: `cannot read index: ${(error as Error).message}` };
  }
}

/**
 * Loads the live index if it was built from the same inputs (`fingerprint`) and every file
 * matches its checksum. Never throws: a missing, stale or corrupt index is reported.
 */
export async function loadIndex(root: string, fingerprint: string, embedder: Embedder): Promise<LoadIndexResult> {
  const stored = await loadStoredModel(root, null);
  if (stored.kind !== "loaded") return stored;
  return openStoredIndex(stored.model, fingerprint, embedder);
}
