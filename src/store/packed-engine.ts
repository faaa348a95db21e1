import type { PlanSentence } from "../answer/engine.js";
import type { Knowledge } from "../answer/knowledge.js";
import type { Chunk } from "../chunk/chunk-plan.js";
import type { Location, Paragraph } from "../parse/plan-types.js";
import { nodeKey } from "../retrieve/hybrid-search.js";
import type { EngineParts } from "./model-snapshot.js";

// V8's serializer keeps an object shared, but writes a string again at every place it occurs: a
// paragraph's text sat in its plan, in paragraphText, in every chunk cut from it and in every
// sentence, and each sentence carried a Set of token strings. Here the text is kept once (in the
// plan) and the rest as offsets and token ids, rebuilt at load without segmenting anything.

/** The plans' paragraphs in document order, and each one's position in that list by id. */
export function paragraphList(knowledge: Knowledge): { readonly paragraphs: readonly Paragraph[]; readonly positions: ReadonlyMap<string, number> } {
  const paragraphs = knowledge.plans.flatMap((plan) => plan.paragraphs);
  const positions = new Map<string, number>();
  paragraphs.forEach((paragraph, position) => positions.set(paragraph.id, position));
  return { paragraphs, positions };
}

/** Chunks whose text is their paragraph's [start, end) are stored with "" and a flag; the rest as they are. */
export interface PackedChunks {
  readonly chunks: readonly Chunk[];
  /** 1 where the text was left out and is cut from the paragraph again at load. */
  readonly cut: Uint8Array;
}

export function packChunks(chunks: readonly Chunk[], paragraphText: (id: string) => string | undefined): PackedChunks {
  const cut = new Uint8Array(chunks.length);
  const stored = chunks.map((chunk, position) => {
    if (paragraphText(chunk.paragraphId)?.slice(chunk.start, chunk.end) !== chunk.text) return chunk;
    cut[position] = 1;
    return { ...chunk, text: "" };
  });
  return { chunks: stored, cut };
}

/** Puts the cut texts back (the decoded objects are fresh: filled in place). */
export function unpackChunks(packed: PackedChunks, paragraphText: (id: string) => string | undefined): Chunk[] {
  const chunks = packed.chunks as Chunk[];
  for (let position = 0; position < chunks.length; position += 1) {
    if (packed.cut[position] !== 1) continue;
    const chunk = chunks[position] as { text: string } & Chunk;
    chunk.text = paragraphText(chunk.paragraphId)!.slice(chunk.start, chunk.end);
  }
  return chunks;
}

/** engine.sentencesByNode as arrays: per sentence its paragraph, offsets, order and token ids. */
export interface PackedSentences {
  readonly keys: readonly string[];
  /** Sentences of each key (keys.length entries). */
  readonly counts: Int32Array;
  readonly paragraph: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly order: Int32Array;
  /** Start of each sentence's token ids in `tokenIds` (sentences + 1 entries). */
  readonly tokenOffsets: Int32Array;
  readonly tokenIds: Int32Array;
  readonly vocabulary: readonly string[];
}

/** What the snapshot stores for the engine: fields re-derived at load are left out of `rest`. */
export interface PackedEngineParts {
  readonly rest: Partial<EngineParts>;
  readonly sentences: PackedSentences | null;
  /** paragraphsByNode and paragraphText are derived from the plans again (checked equal at encode). */
  readonly derivedParagraphs: boolean;
}

/** paragraphsByNode and paragraphText as createEngine derives them from the plans. */
function deriveParagraphMaps(knowledge: Knowledge): { paragraphsByNode: Map<string, Paragraph[]>; paragraphText: Map<string, string> } {
  const paragraphsByNode = new Map<string, Paragraph[]>();
  const paragraphText = new Map<string, string>();
  for (const plan of knowledge.plans) {
    for (const paragraph of plan.paragraphs) {
      const key = nodeKey(paragraph.location);
      paragraphText.set(paragraph.id, paragraph.text);
      const list = paragraphsByNode.get(key);
      if (list) list.push(paragraph);
      else paragraphsByNode.set(key, [paragraph]);
    }
  }
  return { paragraphsByNode, paragraphText };
}

function sameParagraphMaps(parts: EngineParts, derived: ReturnType<typeof deriveParagraphMaps>): boolean {
  if (parts.paragraphText.size !== derived.paragraphText.size || parts.paragraphsByNode.size !== derived.paragraphsByNode.size) return false;
  for (const [id, text] of parts.paragraphText) if (derived.paragraphText.get(id) !== text) return false;
  const derivedKeys = [...derived.paragraphsByNode.keys()];
  let position = 0;
  for (const [key, list] of parts.paragraphsByNode) {
    const other = derived.paragraphsByNode.get(key);
    if (derivedKeys[position++] !== key || !other || other.length !== list.length || list.some((paragraph, index) => paragraph !== other[index])) return false;
  }
  return true;
}

function packSentences(byNode: ReadonlyMap<string, readonly PlanSentence[]>, paragraphs: readonly Paragraph[], positions: ReadonlyMap<string, number>): PackedSentences | null {
  const keys = [...byNode.keys()];
  const total = keys.reduce((sum, key) => sum + byNode.get(key)!.length, 0);
  const counts = new Int32Array(keys.length);
  const paragraph = new Int32Array(total);
  const start = new Int32Array(total);
  const end = new Int32Array(total);
  const order = new Int32Array(total);
  const tokenOffsets = new Int32Array(total + 1);
  const ids: number[] = [];
  const vocabulary: string[] = [];
  const idOf = new Map<string, number>();
  let cursor = 0;
  for (const [keyPosition, key] of keys.entries()) {
    const sentences = byNode.get(key)!;
    counts[keyPosition] = sentences.length;
    for (const sentence of sentences) {
      const position = positions.get(sentence.paragraphId);
      if (position === undefined) return null;
      const source = paragraphs[position]!;
      // Only what can be rebuilt exactly is packed: the text must be a slice of its paragraph, the location its paragraph's.
      const at = source.text.indexOf(sentence.text);
      if (at < 0 || source.location !== sentence.location) return null;
      paragraph[cursor] = position;
      start[cursor] = at;
      end[cursor] = at + sentence.text.length;
      order[cursor] = sentence.order;
      tokenOffsets[cursor] = ids.length;
      for (const token of sentence.tokens) {
        let id = idOf.get(token);
        if (id === undefined) {
          id = vocabulary.length;
          vocabulary.push(token);
          idOf.set(token, id);
        }
        ids.push(id);
      }
      cursor += 1;
    }
  }
  tokenOffsets[total] = ids.length;
  return { keys, counts, paragraph, start, end, order, tokenOffsets, tokenIds: Int32Array.from(ids), vocabulary };
}

/** Packs the engine's derived fields; a field that cannot be rebuilt exactly is stored as it is. */
export function packEngineParts(parts: EngineParts, knowledge: Knowledge): PackedEngineParts {
  const { paragraphs, positions } = paragraphList(knowledge);
  const derivedParagraphs = sameParagraphMaps(parts, deriveParagraphMaps(knowledge));
  const sentences = packSentences(parts.sentencesByNode, paragraphs, positions);
  const rest: Partial<EngineParts> = { ...parts };
  if (derivedParagraphs) {
    delete (rest as { paragraphsByNode?: unknown }).paragraphsByNode;
    delete (rest as { paragraphText?: unknown }).paragraphText;
  }
  if (sentences) delete (rest as { sentencesByNode?: unknown }).sentencesByNode;
  return { rest, sentences, derivedParagraphs };
}

/**
 * A sentence read back from the snapshot. Its token Set is built the first time it is read: a
 * start makes no Sets, and a question only pays for the sentences of the nodes it looks at.
 */
class StoredSentence implements PlanSentence {
  #tokens: ReadonlySet<string> | null = null;

  constructor(
    readonly text: string,
    readonly location: Location,
    readonly paragraphId: string,
    readonly order: number,
    private readonly packed: PackedSentences,
    private readonly position: number,
  ) {}

  get tokens(): ReadonlySet<string> {
    if (this.#tokens === null) {
      const { tokenOffsets, tokenIds, vocabulary } = this.packed;
      const tokens = new Set<string>();
      for (let cursor = tokenOffsets[this.position]!; cursor < tokenOffsets[this.position + 1]!; cursor += 1) tokens.add(vocabulary[tokenIds[cursor]!]!);
      this.#tokens = tokens;
    }
    return this.#tokens;
  }
}

function unpackSentences(packed: PackedSentences, paragraphs: readonly Paragraph[]): Map<string, PlanSentence[]> {
  const byNode = new Map<string, PlanSentence[]>();
  let cursor = 0;
  packed.keys.forEach((key, keyPosition) => {
    const list: PlanSentence[] = [];
    for (let count = 0; count < packed.counts[keyPosition]!; count += 1, cursor += 1) {
      const source = paragraphs[packed.paragraph[cursor]!]!;
      list.push(new StoredSentence(source.text.slice(packed.start[cursor]!, packed.end[cursor]!), source.location, source.id, packed.order[cursor]!, packed, cursor));
    }
    byNode.set(key, list);
  });
  return byNode;
}

/** The engine's derived fields again, from what packEngineParts stored and the plans. */
export function unpackEngineParts(packed: PackedEngineParts, knowledge: Knowledge): EngineParts {
  const { paragraphs } = paragraphList(knowledge);
  const derived = packed.derivedParagraphs ? deriveParagraphMaps(knowledge) : null;
  return {
    ...packed.rest,
    ...(derived ?? {}),
    ...(packed.sentences ? { sentencesByNode: unpackSentences(packed.sentences, paragraphs) } : {}),
  } as EngineParts;
}
