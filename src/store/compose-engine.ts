import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { buildTypoIndex, type TypoIndex } from "../answer/correct-typos.js";
import type { Engine, PlanSentence } from "../answer/engine.js";
import { userDictionaryWords, type Knowledge } from "../answer/knowledge.js";
import type { Assignment } from "../extract/extract-assignments.js";
import { outlineNodesOf } from "../parse/outline-nodes.js";
import type { Paragraph } from "../parse/plan-types.js";
import type { Embedder } from "../embed/embedder.js";
import type { Segmenter } from "../segment/segmenter.js";
import { normalizeForMatch } from "../text/normalize-text.js";
import type { Bm25Data } from "./bm25-index.js";
import { postingsReader, type PostingsReader } from "./packed-bm25.js";
import { INDEX_SCHEMA_VERSION } from "./index-manifest.js";
import type { PlanIndex } from "./plan-index.js";
import type { PlanPart } from "./plan-part.js";

/** The live inputs every composed engine shares: the whole ingest's segmenter and embedder. */
export interface ComposeInputs {
  readonly embedder: Embedder;
  readonly segmenter: Segmenter;
  readonly currentYear: number;
  /** Where the parts come from, for PlanIndex.directory ("postgres:host/db#catalog-3"). */
  readonly directory: string;
}

/** The nearest-neighbour search hybridSearch calls on `index.vectorStore.index`. */
interface KnnSearcher {
  searchKnn(vector: number[], k: number, filter?: (label: number) => boolean): { neighbors: number[]; distances: number[] };
}

type BruteforceConstructor = typeof import("hnswlib-node").BruteforceSearch;
let bruteforce: BruteforceConstructor | null = null;

/** Loads hnswlib once (composeEngine is synchronous). */
export async function loadVectorSearch(): Promise<void> {
  // hnswlib-node is CommonJS: Node's ESM loader gives its exports as `default` (vitest also names them).
  const module = (await import("hnswlib-node")) as typeof import("hnswlib-node") & { readonly default?: typeof import("hnswlib-node") };
  bruteforce ??= module.BruteforceSearch ?? module.default?.BruteforceSearch ?? null;
  if (!bruteforce) throw new Error("hnswlib-node has no BruteforceSearch export");
}

/**
 * What composeEngine derives from one part alone, computed the first time the part is composed and
 * kept as long as the part is (a part in the LRU is composed into many plan sets): its brute-force
 * vector index, its BM25 terms, its headings' words and its normalised text for the typo index.
 */
interface PartDerived {
  readonly segmenter: Segmenter;
  /** Built on the first vector search that reaches the part (about 10 ms a plan: hnswlib copies each point element by element). */
  vectors(): KnnSearcher | null;
  readonly postings: PostingsReader;
  readonly headingWords: readonly string[];
  /** normalizeForMatch of each paragraph and table row quote, in createEngine's order. */
  readonly texts: readonly string[];
  /** normalizeForMatch of each heading, in outline order. */
  readonly headings: readonly string[];
}

const derivedParts = new WeakMap<PlanPart, PartDerived>();

function derivedOf(part: PlanPart, segmenter: Segmenter): PartDerived {
  const cached = derivedParts.get(part);
  if (cached?.segmenter === segmenter) return cached;
  const titles = outlineNodesOf(part.knowledge.plans).map((node) => node.title);
  const headingWords = titles.flatMap((title) => segmenter.cut(title));
  const headings = titles.map(normalizeForMatch);
  const texts = part.knowledge.plans.flatMap((plan) => [...plan.paragraphs.map((paragraph) => paragraph.text), ...plan.tables.flatMap((table) => table.rows.map((row) => row.quote))]).map(normalizeForMatch);
  let vectors: KnnSearcher | null | undefined;
  const derived = { segmenter, vectors: () => (vectors === undefined ? (vectors = bruteforceOf(part)) : vectors), postings: postingsReader(part.bm25), headingWords, texts, headings };
  derivedParts.set(part, derived);
  return derived;
}

/** hnswlib's brute-force index over one part's vectors (the same distance function as the HNSW graph of a whole-set build). */
function bruteforceOf(part: PlanPart): KnnSearcher | null {
  if (!bruteforce) throw new Error("loadVectorSearch() was not awaited before composeEngine");
  if (part.chunks.length === 0) return null;
  const index = new bruteforce("cosine", part.dimension);
  index.initIndex(part.chunks.length);
  for (let position = 0; position < part.chunks.length; position += 1) index.addPoint(Array.from(part.vectors.subarray(position * part.dimension, (position + 1) * part.dimension)), position);
  return index;
}

/**
 * Exact cosine search over several plans' vectors, merged by distance: each plan is searched by
 * its own brute-force index and the labels are offset into the composed chunk list.
 */
function mergedSearcher(parts: readonly PlanPart[], derived: readonly PartDerived[], offsets: readonly number[]): KnnSearcher {
  return {
    searchKnn(vector, k, filter) {
      const hits: { label: number; distance: number }[] = [];
      derived.forEach((part, partPosition) => {
        const index = part.vectors();
        if (!index) return;
        const offset = offsets[partPosition]!;
        const found = index.searchKnn(vector, Math.min(k, parts[partPosition]!.chunks.length), filter ? (label: number) => filter(label + offset) : undefined);
        found.neighbors.forEach((label: number, rank: number) => hits.push({ label: label + offset, distance: found.distances[rank]! }));
      });
      hits.sort((left, right) => left.distance - right.distance || left.label - right.label);
      const top = hits.slice(0, k);
      return { neighbors: top.map((hit) => hit.label), distances: top.map((hit) => hit.distance) };
    },
  };
}

/**
 * BM25 over the union of the parts' chunks: document lengths concatenated, each term's postings
 * concatenated with the chunk positions offset, so that document frequencies and the average length
 * are those of the union (built per term on first use from the parts' packed arrays, kept with the
 * composed engine, never unpacked into the parts).
 */
function mergedBm25(parts: readonly PlanPart[], derived: readonly PartDerived[], offsets: readonly number[]): Bm25Data {
  const documentLengths = parts.flatMap((part) => [...part.bm25.documentLengths]);
  const averageLength = documentLengths.reduce((sum, length) => sum + length, 0) / Math.max(1, documentLengths.length);
  const terms = new Set<string>();
  for (const { postings: reader } of derived) for (const term of reader.terms) terms.add(term);
  const merged = new Map<string, readonly (readonly [number, number])[]>();
  const listOf = (term: string) => {
    const cached = merged.get(term);
    if (cached) return cached;
    if (!terms.has(term)) return undefined;
    const list: (readonly [number, number])[] = [];
    derived.forEach(({ postings: reader }, position) => {
      const offset = offsets[position]!;
      reader.forEachPosting(term, (documentIndex, frequency) => list.push([documentIndex + offset, frequency]));
    });
    merged.set(term, list);
    return list;
  };
  const keys = [...terms];
  const postings = new Proxy(Object.create(null) as Record<string, readonly (readonly [number, number])[]>, {
    get: (_target, term) => (typeof term === "string" ? listOf(term) : undefined),
    has: (_target, term) => typeof term === "string" && terms.has(term),
    ownKeys: () => [...keys],
    // An accessor: listing the terms (Object.keys) merges no list.
    getOwnPropertyDescriptor: (_target, term) => (typeof term === "string" && terms.has(term) ? { get: () => listOf(term), enumerable: true, configurable: true } : undefined),
  });
  const { k1, b } = parts[0]?.bm25 ?? { k1: 1.2, b: 0.75 };
  return { k1, b, documentLengths, averageLength, postings };
}

/** The knowledge of several plans: what buildKnowledge gives for them together (its lists are per plan). */
export function composeKnowledge(parts: readonly PlanPart[]): Knowledge {
  const assignments = new Map<string, readonly Assignment[]>();
  for (const part of parts) for (const [paragraph, list] of part.knowledge.assignments) assignments.set(paragraph, list);
  return {
    plans: parts.flatMap((part) => part.knowledge.plans),
    indicators: parts.flatMap((part) => part.knowledge.indicators),
    facts: parts.flatMap((part) => part.knowledge.facts),
    projects: parts.flatMap((part) => part.knowledge.projects),
    responsibilities: parts.flatMap((part) => part.knowledge.responsibilities),
    assignments,
    findings: parts.flatMap((part) => part.knowledge.findings),
  };
}

/** A sentence of a later plan, its order moved past the earlier plans' sentences. */
function offsetSentence(sentence: PlanSentence, offset: number): PlanSentence {
  return {
    text: sentence.text,
    location: sentence.location,
    paragraphId: sentence.paragraphId,
    order: sentence.order + offset,
    get tokens() {
      return sentence.tokens;
    },
  };
}

/**
 * An engine over exactly these plans, in this order, equal to what `createEngine` derives from the
 * same plans built together (knowledge, sentences, paragraphs, typo index, BM25 of the union, vector
 * search over their vectors), so the answering core runs on it unchanged.
 * @throws Error when loadVectorSearch() was not awaited first.
 */
export function composeEngine(parts: readonly PlanPart[], inputs: ComposeInputs): Engine {
  if (!bruteforce) throw new Error("loadVectorSearch() was not awaited before composeEngine");
  const knowledge = composeKnowledge(parts);
  const offsets: number[] = [];
  let chunkCount = 0;
  for (const part of parts) {
    offsets.push(chunkCount);
    chunkCount += part.chunks.length;
  }
  const chunks = parts.flatMap((part) => part.chunks);
  const sentencesByNode = new Map<string, readonly PlanSentence[]>();
  const paragraphsByNode = new Map<string, readonly Paragraph[]>();
  const paragraphText = new Map<string, string>();
  let sentenceOffset = 0;
  for (const part of parts) {
    let sentences = 0;
    for (const [key, list] of part.engineParts.sentencesByNode) {
      sentencesByNode.set(key, sentenceOffset === 0 ? list : list.map((sentence) => offsetSentence(sentence, sentenceOffset)));
      sentences += list.length;
    }
    for (const [key, list] of part.engineParts.paragraphsByNode) paragraphsByNode.set(key, list);
    for (const [id, text] of part.engineParts.paragraphText) paragraphText.set(id, text);
    sentenceOffset += sentences;
  }
  // planTypoIndex (engine.ts) from pieces kept with each part: dictionary and heading words as terms; the plans' text, then their headings (compose-engine.test checks they are equal).
  const derived = parts.map((part) => derivedOf(part, inputs.segmenter));
  const headingWords = derived.flatMap((part) => part.headingWords);
  const planText = [...derived.flatMap((part) => part.texts), ...derived.flatMap((part) => part.headings)].join("\n");
  const typos: TypoIndex = { ...buildTypoIndex([...userDictionaryWords(knowledge), ...headingWords], []), planText };
  const dimension = parts[0]?.dimension ?? inputs.embedder.dimension ?? 1;
  const vectorStore = new HNSWLib(inputs.embedder.embeddings, { space: "cosine", numDimensions: dimension, index: mergedSearcher(parts, derived, offsets) as unknown as HNSWLib["index"] });
  const seeds = parts.map((part) => part.seed);
  const index: PlanIndex = {
    manifest: { schemaVersion: INDEX_SCHEMA_VERSION, createdAt: "", fingerprint: "", seeds, segmenter: inputs.segmenter.id, embedder: { id: inputs.embedder.id, dimension }, chunkCount, inputsKey: null, files: {} },
    chunks,
    bm25: mergedBm25(parts, derived, offsets),
    vectorStore,
    directory: inputs.directory,
  };
  return { knowledge, index, embedder: inputs.embedder, segmenter: inputs.segmenter, currentYear: inputs.currentYear, typos, sentencesByNode, paragraphsByNode, paragraphText };
}
