import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Chunk } from "../chunk/chunk-plan.js";
import type { Embedder } from "../embed/embedder.js";
import type { Bm25Data } from "./bm25-index.js";
import { readCurrentVersion, sha256 } from "./index-files.js";
import { manifestSchema } from "./index-manifest.js";
import type { PlanIndex } from "./plan-index.js";

export type LoadIndexResult =
  | { readonly kind: "loaded"; readonly index: PlanIndex }
  | { readonly kind: "missing" }
  | { readonly kind: "stale"; readonly reason: string }
  | { readonly kind: "corrupt"; readonly reason: string };

/**
 * Loads the live index if it was built from the same inputs (`fingerprint`) and every file
 * matches its checksum. Never throws: a missing, stale or corrupt index is reported.
 */
export async function loadIndex(root: string, fingerprint: string, embedder: Embedder): Promise<LoadIndexResult> {
  const directory = await readCurrentVersion(root);
  if (!directory) return { kind: "missing" };
  let manifestText: string;
  try {
    manifestText = await readFile(join(directory, "manifest.json"), "utf8");
  } catch {
    return { kind: "corrupt", reason: `manifest missing in ${directory}` };
  }
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(manifestText);
  } catch {
    return { kind: "corrupt", reason: "manifest is not valid JSON" };
  }
  const parsed = manifestSchema.safeParse(manifestJson);
  if (!parsed.success) return { kind: "corrupt", reason: `manifest invalid: ${parsed.error.issues[0]?.message ?? "unknown"}` };
  const manifest = parsed.data;
  if (manifest.fingerprint !== fingerprint) {
    const reason = manifest.embedder.id !== embedder.id ? `built with embedder ${manifest.embedder.id}, configured ${embedder.id}` : "seeds, dictionary or index format changed";
    return { kind: "stale", reason };
  }
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
  try {
    const chunks = JSON.parse(contents.get("chunks.json")!.toString("utf8")) as Chunk[];
    const bm25 = JSON.parse(contents.get("bm25.json")!.toString("utf8")) as Bm25Data;
    const embedderState = JSON.parse(contents.get("embedder.json")!.toString("utf8")) as unknown;
    if (embedderState !== null) embedder.restore?.(embedderState);
    const vectorStore = chunks.length > 0
      ? await HNSWLib.load(join(directory, "hnsw"), embedder.embeddings)
      : new HNSWLib(embedder.embeddings, { space: "cosine", numDimensions: manifest.embedder.dimension });
    return { kind: "loaded", index: { manifest, chunks, bm25, vectorStore, directory } };
  } catch (error) {
    return { kind: "corrupt", reason: `cannot read index: ${(error as Error).message}` };
  }
}
