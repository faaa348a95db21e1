import { deserialize, serialize } from "node:v8";
import type { Engine } from "../answer/engine.js";
import type { Knowledge } from "../answer/knowledge.js";
import type { Chunk } from "../chunk/chunk-plan.js";
import type { Bm25Data } from "./bm25-index.js";
import type { DictionaryContent } from "../segment/prepare-dictionary.js";
import type { SeedInfo } from "./build-index.js";

/** What `createEngine` derives from the knowledge: every field but its inputs. */
export type EngineParts = Omit<Engine, "knowledge" | "index" | "embedder" | "segmenter" | "currentYear">;

/**
 * Everything a start would otherwise re-derive from the seed text: the parsed plans and their
 * knowledge, the engine's derived data (whatever fields `createEngine` computes), the chunks and
 * the BM25 index, with the seed report to log again at load.
 */
export interface ModelSnapshot {
  readonly seeds: readonly SeedInfo[];
  readonly skipped: readonly string[];
  readonly warnings: readonly string[];
  readonly knowledge: Knowledge;
  /** The jieba dictionary trimmed to these plans (null: prepare it again at load). */
  readonly dictionary: DictionaryContent | null;
  /** The year the engine parts were derived for (a different "now" derives them again). */
  readonly currentYear: number;
  /** Null when a derived field cannot be serialised (a function): the engine is then derived at load. */
  readonly engineParts: EngineParts | null;
  readonly chunks: readonly Chunk[];
  readonly bm25: Bm25Data;
}

/** The engine's derived fields, leaving out its inputs (they are stored or rebuilt on their own). */
export function engineParts(engine: Engine): EngineParts {
  const { knowledge: _knowledge, index: _index, embedder: _embedder, segmenter: _segmenter, currentYear: _currentYear, ...parts } = engine;
  return parts;
}

/** Puts an engine back together from stored parts and the live inputs. */
export function assembleEngine(parts: EngineParts, inputs: Pick<Engine, "knowledge" | "index" | "embedder" | "segmenter" | "currentYear">): Engine {
  return { ...parts, ...inputs } as Engine;
}

/**
 * Encodes a snapshot with V8's serializer, which keeps shared objects shared (a paragraph sits in
 * its plan, its node and its chunks once) and keeps Maps and Sets. BM25 postings are packed into
 * typed arrays: millions of two-number arrays are the slowest thing to decode.
 */
export function encodeSnapshot(snapshot: ModelSnapshot): Buffer {
  const { bm25, ...rest } = snapshot;
  const packed = { ...rest, bm25: packBm25(bm25) };
  try {
    return serialize(packed);
  } catch {
    // A derived field V8 cannot copy (a function): store the rest, derive the engine at load.
    return serialize({ ...packed, engineParts: null });
  }
}

/** Decodes `encodeSnapshot`'s output. @throws when the bytes are not a snapshot (the caller reports corrupt). */
export function decodeSnapshot(data: Buffer): ModelSnapshot {
  const packed = deserialize(data) as Omit<ModelSnapshot, "bm25"> & { bm25: PackedBm25 };
  if (!packed || !Array.isArray(packed.chunks) || !packed.knowledge || !packed.bm25) throw new Error("not a model snapshot");
  return { ...packed, bm25: unpackBm25(packed.bm25) };
}

interface PackedBm25 {
  readonly k1: number;
  readonly b: number;
  readonly averageLength: number;
  readonly documentLengths: Int32Array;
  readonly terms: readonly string[];
  /** Start of each term's pairs in `pairs` (terms.length + 1 entries). */
  readonly offsets: Int32Array;
  /** documentIndex, termFrequency, documentIndex, termFrequency… */
  readonly pairs: Int32Array;
}

function packBm25(data: Bm25Data): PackedBm25 {
  const terms = Object.keys(data.postings);
  const offsets = new Int32Array(terms.length + 1);
  let total = 0;
  terms.forEach((term, position) => {
    offsets[position] = total;
    total += data.postings[term]!.length * 2;
  });
  offsets[terms.length] = total;
  const pairs = new Int32Array(total);
  terms.forEach((term, position) => {
    let cursor = offsets[position]!;
    for (const [documentIndex, frequency] of data.postings[term]!) {
      pairs[cursor++] = documentIndex;
      pairs[cursor++] = frequency;
    }
  });
  return { k1: data.k1, b: data.b, averageLength: data.averageLength, documentLengths: Int32Array.from(data.documentLengths), terms, offsets, pairs };
}

function unpackBm25(packed: PackedBm25): Bm25Data {
  const postings: Record<string, (readonly [number, number])[]> = Object.create(null) as Record<string, (readonly [number, number])[]>;
  packed.terms.forEach((term, position) => {
    const list: (readonly [number, number])[] = [];
    for (let cursor = packed.offsets[position]!; cursor < packed.offsets[position + 1]!; cursor += 2) list.push([packed.pairs[cursor]!, packed.pairs[cursor + 1]!]);
    postings[term] = list;
  });
  return { k1: packed.k1, b: packed.b, averageLength: packed.averageLength, documentLengths: Array.from(packed.documentLengths), postings };
}
