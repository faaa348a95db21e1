import { deserialize, serialize } from "node:v8";
import type { Engine } from "../answer/engine.js";
import type { Knowledge } from "../answer/knowledge.js";
import type { Chunk } from "../chunk/chunk-plan.js";
import type { Bm25Data } from "./bm25-index.js";
import { bm25FromPacked, packBm25, type PackedBm25 } from "./packed-bm25.js";
import { packRecords, unpackRecords, type PackedRecords } from "./packed-records.js";
import { packChunks, packEngineParts, unpackChunks, unpackEngineParts, type PackedChunks, type PackedEngineParts } from "./packed-engine.js";
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

/** The stored form: text once, postings packed, lists by column, the engine's rebuildable fields as arrays (see packed-*.ts). */
interface StoredSnapshot extends Omit<ModelSnapshot, "bm25" | "chunks" | "engineParts"> {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly bm25: PackedBm25;
  readonly chunks: PackedChunks & { readonly columns: PackedRecords | null };
  /** Knowledge lists stored by column; their places in `knowledge` hold empty lists. */
  readonly knowledgeColumns: Readonly<Record<string, PackedRecords>>;
  readonly engineParts: PackedEngineParts | null;
}

const SNAPSHOT_FORMAT = 2;

/**
 * Knowledge lists packed by column. Not `indicators`: they are the plan tables' own row objects,
 * and a column copy would stop them being the same objects.
 */
const COLUMN_LISTS = ["facts", "projects", "responsibilities", "findings"] as const;

/**
 * Encodes a snapshot with V8's serializer, which keeps shared objects shared (a paragraph sits in
 * its plan and its node once) and keeps Maps and Sets. What a start can rebuild cheaply and exactly
 * is left out or packed into typed arrays and string tables: V8's deserializer and collector pay per
 * object and per string, and at 100 plans the plain snapshot was millions of them.
 */
export function encodeSnapshot(snapshot: ModelSnapshot): Buffer {
  const { bm25, chunks, engineParts: parts, knowledge, ...rest } = snapshot;
  const paragraphText = paragraphTextOf(knowledge);
  const knowledgeColumns: Record<string, PackedRecords> = {};
  const storedKnowledge: Record<string, unknown> = { ...knowledge };
  for (const name of COLUMN_LISTS) {
    const packed = packRecords(knowledge[name]);
    if (!packed) continue;
    knowledgeColumns[name] = packed;
    storedKnowledge[name] = [];
  }
  const packedChunks = packChunks(chunks, paragraphText);
  const chunkColumns = packRecords(packedChunks.chunks);
  const stored: StoredSnapshot = {
    ...rest,
    format: SNAPSHOT_FORMAT,
    knowledge: storedKnowledge as unknown as Knowledge,
    knowledgeColumns,
    bm25: packBm25(bm25),
    chunks: chunkColumns ? { chunks: [], cut: packedChunks.cut, columns: chunkColumns } : { ...packedChunks, columns: null },
    engineParts: parts ? packEngineParts(parts, knowledge) : null,
  };
  try {
    return serialize(stored);
  } catch {
    // A derived field V8 cannot copy (a function): store the rest, derive the engine at load.
    return serialize({ ...stored, engineParts: null });
  }
}

/** Decodes `encodeSnapshot`'s output. @throws when the bytes are not a snapshot of this format (the caller reports corrupt). */
export function decodeSnapshot(data: Buffer): ModelSnapshot {
  const stored = deserialize(data) as StoredSnapshot;
  if (!stored || stored.format !== SNAPSHOT_FORMAT || !stored.knowledge || !stored.bm25 || !stored.chunks || !Array.isArray(stored.chunks.chunks)) throw new Error("not a model snapshot");
  const { knowledgeColumns, format: _format, ...rest } = stored;
  const knowledge: Record<string, unknown> = { ...stored.knowledge };
  for (const [name, packed] of Object.entries(knowledgeColumns)) knowledge[name] = unpackRecords(packed);
  const paragraphText = paragraphTextOf(stored.knowledge);
  const chunks = stored.chunks.columns ? { chunks: unpackRecords<Chunk>(stored.chunks.columns), cut: stored.chunks.cut } : stored.chunks;
  return {
    ...rest,
    knowledge: knowledge as unknown as Knowledge,
    bm25: bm25FromPacked(stored.bm25),
    chunks: unpackChunks(chunks, paragraphText),
    engineParts: stored.engineParts ? unpackEngineParts(stored.engineParts, knowledge as unknown as Knowledge) : null,
  };
}

/** Paragraph text by id, over every plan. */
function paragraphTextOf(knowledge: Knowledge): (id: string) => string | undefined {
  const texts = new Map<string, string>();
  for (const plan of knowledge.plans) for (const paragraph of plan.paragraphs) texts.set(paragraph.id, paragraph.text);
  return (id) => texts.get(id);
}
