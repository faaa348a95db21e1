import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import { Document } from "@langchain/core/documents";
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Embedder } from "../embed/embedder.js";
import { PlanAssistantError } from "../errors.js";
import { fileChecksum, GRAPH_FILE, readCurrentVersion } from "./index-files.js";
import { manifestSchema, type IndexManifest } from "./index-manifest.js";
import { decodeSnapshot, type ModelSnapshot } from "./model-snapshot.js";
import type { PlanIndex } from "./plan-index.js";

export type LoadIndexResult =
  | { readonly kind: "loaded"; readonly index: PlanIndex }
  | { readonly kind: "missing" }
  | { readonly kind: "stale"; readonly reason: string }
  | { readonly kind: "corrupt"; readonly reason: string };

/**
 * Opens the vector graph: called once the embedder is known to match. Restores the embedder's
 * fitted state now and returns a function that reads the graph, synchronously, the first time a
 * search needs it (see lazyVectorStore).
 */
export type OpenVectors = (embedder: Embedder) => Promise<() => HNSWLib>;

/** A stored model read back, with what is needed to open its vector index. */
export interface StoredModel {
  readonly manifest: IndexManifest;
  readonly snapshot: ModelSnapshot;
  readonly directory: string;
  readonly openVectors: OpenVectors;
}

export type LoadModelResult =
  | { readonly kind: "loaded"; readonly model: StoredModel }
  | { readonly kind: "missing" }
  | { readonly kind: "stale"; readonly reason: string }
  | { readonly kind: "corrupt"; readonly reason: string };

/**
 * An HNSW store over a graph read by `readGraph` into a fresh HierarchicalNSW, with the chunks as its
 * docstore (built on the first LangChain-style search; hybrid search reads the graph directly).
 */
export function vectorStoreOver(embedder: Embedder, dimension: number, chunks: ModelSnapshot["chunks"], HierarchicalNSW: HierarchicalNswConstructor | null, readGraph: (index: InstanceType<HierarchicalNswConstructor>) => void): HNSWLib {
  const args = { space: "cosine" as const, numDimensions: dimension };
  if (chunks.length === 0 || !HierarchicalNSW) return new HNSWLib(embedder.embeddings, args);
  const index = new HierarchicalNSW(args.space, args.numDimensions);
  readGraph(index);
  return new HNSWLib(embedder.embeddings, { ...args, index, docstore: new ChunkDocstore(chunks) });
}

/** The chunks as LangChain documents, each made when a search first returns it (label = chunk position). */
class ChunkDocstore extends SynchronousInMemoryDocstore {
  constructor(private readonly chunks: ModelSnapshot["chunks"]) {
    super();
  }

  override search(search: string): Document {
    const known = this._docs.get(search);
    if (known) return known;
    const position = Number(search);
    const chunk = this.chunks[position];
    if (!chunk || String(position) !== search) return super.search(search);
    const document = new Document({ pageContent: chunk.text, metadata: { chunk: position, id: chunk.id } });
    this._docs.set(search, document);
    return document;
  }
}

type HierarchicalNswConstructor = Awaited<ReturnType<typeof HNSWLib.imports>>["HierarchicalNSW"];

/**
 * Reads the live version's manifest and persisted model. With `expectedInputsKey`, a model derived
 * from other files, code or limits is reported stale before anything large is read. The model and
 * the embedder state are checked against the manifest's checksums now; the vector graph only has
 * its size checked now, and its checksum when it is first read. Never throws.
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
    if (name === GRAPH_FILE) {
      // A truncated graph is caught here by its size; a modified one when it is read (its checksum).
      const size = await stat(join(directory, name)).then((info) => info.size, () => -1);
      if (size < 0) return { kind: "corrupt", reason: `${name} missing` };
      if (manifest.sizes && manifest.sizes[name] !== undefined && manifest.sizes[name] !== size) return { kind: "corrupt", reason: `${name} size mismatch (truncated or modified)` };
      continue;
    }
    let data: Buffer;
    try {
      // One synchronous read: the promise API reads a large file in small chunks, several times slower.
      data = readFileSync(join(directory, name));
    } catch {
      return { kind: "corrupt", reason: `${name} missing` };
    }
    if (fileChecksum(data) !== expected) return { kind: "corrupt", reason: `${name} checksum mismatch (truncated or modified)` };
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
  const embedderState = contents.get("embedder.json");
  const graphChecksum = manifest.files[GRAPH_FILE];
  const openVectors: OpenVectors = async (embedder) => {
    const state = embedderState ? (JSON.parse(embedderState.toString("utf8")) as unknown) : null;
    if (state !== null) embedder.restore?.(state);
    const HierarchicalNSW = graphChecksum ? (await HNSWLib.imports()).HierarchicalNSW : null;
    return () =>
      vectorStoreOver(embedder, manifest.embedder.dimension, snapshot.chunks, HierarchicalNSW, (index) => {
        const path = join(directory, GRAPH_FILE);
        const bytes = readFileSync(path);
        if (fileChecksum(bytes) !== graphChecksum) throw new PlanAssistantError("INDEX_INVALID", `The vector graph ${path} does not match its checksum (modified or truncated): run \`npm run ingest\` to rebuild the index.`);
        index.readIndexSync(path);
      });
  };
  return { kind: "loaded", model: { manifest, snapshot, directory, openVectors } };
}

/**
 * An index whose `vectorStore` is opened the first time it is read, then kept: a start reads no
 * graph, and a question that never reaches vector search never pays for it.
 * @throws PlanAssistantError INDEX_INVALID from the getter when the graph file no longer matches its checksum.
 */
export function lazyVectorStore(fields: Omit<PlanIndex, "vectorStore">, open: () => HNSWLib): PlanIndex {
  let vectorStore: HNSWLib | null = null;
  const index = { ...fields } as PlanIndex;
  Object.defineProperty(index, "vectorStore", {
    enumerable: true,
    get: () => (vectorStore ??= open()),
  });
  return index;
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
    const open = await model.openVectors(embedder);
    return { kind: "loaded", index: lazyVectorStore({ manifest, chunks: model.snapshot.chunks, bm25: model.snapshot.bm25, directory: model.directory }, open) };
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
