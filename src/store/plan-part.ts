import { createEngine } from "../answer/engine.js";
import { buildKnowledge, type Knowledge } from "../answer/knowledge.js";
import { chunkPlan, type Chunk, type ChunkOptions } from "../chunk/chunk-plan.js";
import type { Embedder } from "../embed/embedder.js";
import type { Plan } from "../parse/plan-types.js";
import { contentTokens, type Segmenter } from "../segment/segmenter.js";
import { buildBm25, type Bm25Data } from "./bm25-index.js";
import { chunkSearchText, type SeedInfo } from "./build-index.js";
import { decodeSnapshot, encodeSnapshot, engineParts, type EngineParts } from "./model-snapshot.js";
import type { PlanIndex } from "./plan-index.js";

/**
 * One plan's share of the serving model, built with the dictionary and embedder state of the whole
 * ingest: its knowledge, the engine's derived fields (sentences, paragraphs; the typo index is built
 * over the plans composed), its chunks with their BM25 postings (chunk positions local to the plan)
 * and its chunk vectors. composeEngine puts several together.
 */
export interface PlanPart {
  readonly seed: SeedInfo;
  readonly knowledge: Knowledge;
  /** Sentence `order` counts from 0 within the plan; composeEngine offsets it. */
  readonly engineParts: Omit<EngineParts, "typos">;
  readonly chunks: readonly Chunk[];
  readonly bm25: Bm25Data;
  /** Chunk vectors, one after another (`chunks.length` × `dimension`), as the embedder returned them. */
  readonly vectors: Float32Array;
  readonly dimension: number;
}

/** The typo index is built over the composed plans, never stored per plan. */
const NO_TYPOS = { lengths: [], byPattern: new Map(), planText: "" };

/**
 * Builds one plan's part exactly as the whole-set build derives it (buildKnowledge, createEngine,
 * chunkPlan, the chunk search text's content tokens, the embedder's vectors).
 */
export async function buildPlanPart(plan: Plan, seed: SeedInfo, segmenter: Segmenter, embedder: Embedder, currentYear: number, chunkOptions: ChunkOptions = {}): Promise<PlanPart> {
  const knowledge = buildKnowledge([plan]);
  const chunks = chunkPlan(plan, chunkOptions);
  const texts = chunks.map(chunkSearchText);
  const bm25 = buildBm25(texts.map((text) => contentTokens(segmenter.cut(text))));
  const embedded = await embedder.embeddings.embedDocuments(texts);
  const dimension = embedded[0]?.length ?? embedder.dimension ?? 1;
  const vectors = new Float32Array(chunks.length * dimension);
  embedded.forEach((vector, position) => vectors.set(vector, position * dimension));
  // createEngine reads only the index it is given to hand it on: the part keeps its derived fields.
  const { typos: _typos, ...parts } = engineParts(createEngine(knowledge, {} as PlanIndex, embedder, segmenter, currentYear));
  return { seed, knowledge, engineParts: parts, chunks, bm25, vectors, dimension };
}

/** The stored form of a part (V8 serialisation with the snapshot's packing, see model-snapshot.ts). */
export function encodePlanPart(part: PlanPart): Buffer {
  return encodeSnapshot({
    seeds: [part.seed],
    skipped: [],
    warnings: [],
    knowledge: part.knowledge,
    dictionary: null,
    currentYear: 0,
    engineParts: { ...part.engineParts, typos: NO_TYPOS },
    chunks: part.chunks,
    bm25: part.bm25,
  });
}

/** Decodes encodePlanPart's output with the part's vectors. @throws when the bytes are not a part (the caller reports corrupt). */
export function decodePlanPart(model: Buffer, vectors: Buffer, dimension: number): PlanPart {
  const snapshot = decodeSnapshot(model);
  const seed = snapshot.seeds[0];
  if (!seed || !snapshot.engineParts || snapshot.knowledge.plans.length !== 1) throw new Error("not a plan part");
  const { typos: _typos, ...parts } = snapshot.engineParts;
  if (vectors.byteLength !== snapshot.chunks.length * dimension * 4) throw new Error(`plan part ${seed.doc}: ${vectors.byteLength} bytes of vectors for ${snapshot.chunks.length} chunks of dimension ${dimension}`);
  // A copy aligned for Float32Array (a Buffer from the pool may start at any byte).
  const aligned = new Float32Array(vectors.byteLength / 4);
  new Uint8Array(aligned.buffer).set(vectors);
  return { seed, knowledge: snapshot.knowledge, engineParts: parts, chunks: snapshot.chunks, bm25: snapshot.bm25, vectors: aligned, dimension };
}

/** A part's vectors as bytes, to store beside its model. */
export function vectorBytes(part: PlanPart): Buffer {
  return Buffer.from(part.vectors.buffer, part.vectors.byteOffset, part.vectors.byteLength);
}
