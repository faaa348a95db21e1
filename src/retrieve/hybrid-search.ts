import type { Chunk } from "../chunk/chunk-plan.js";
import type { Embedder } from "../embed/embedder.js";
import type { Location } from "../parse/plan-types.js";
import { bm25Idf, searchBm25 } from "../store/bm25-index.js";
import type { PlanIndex } from "../store/plan-index.js";
import { synonymsOf } from "./synonyms.js";

export interface ScoredChunk {
  readonly chunk: Chunk;
  readonly index: number;
  /** Fused score: weighted sum of normalised BM25 and vector similarity (0..1). */
  readonly score: number;
  readonly lexical: number;
  readonly vector: number;
}

/** A 节, chapter intro, 专栏 or table with the chunks that matched in it. */
export interface ScoredNode {
  readonly key: string;
  readonly location: Location;
  readonly score: number;
  readonly chunks: readonly ScoredChunk[];
}

export interface SearchQuery {
  /** Question text (embedded for the vector search). */
  readonly text: string;
  /** Content tokens of the question, weight 1. */
  readonly tokens: readonly string[];
  /** Extra tokens (history of a follow-up), lower weight. */
  readonly contextTokens?: readonly string[];
}

export interface SearchOptions {
  readonly limit?: number;
  /** Only chunks of these documents. */
  readonly docs?: ReadonlySet<string>;
}

/** Share of the fused score given to BM25; the rest goes to vector similarity. */
const LEXICAL_WEIGHT = 0.7;

/**
 * Weighted query terms: the question's tokens, their plan synonyms and context tokens. A synonym
 * weighs 0.7, or 1 when the everyday word itself never occurs in the plans (老师 for 教师): then
 * the synonym is the only way the word can match.
 */
export function queryTerms(query: SearchQuery, inPlans: (term: string) => boolean = () => true): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string, weight: number) => terms.set(term, Math.max(terms.get(term) ?? 0, weight));
  for (const token of query.tokens) {
    add(token, 1);
    const weight = inPlans(token) ? 0.7 : 1;
    for (const synonym of synonymsOf(token)) add(synonym, weight);
  }
  for (const token of query.contextTokens ?? []) add(token, 0.4);
  return terms;
}

/**
 * The key of the unit a passage sits in: its deepest heading (a 节, a 一、/（一）/1. unit), a box or a
 * table. Built from the path when there is one, so units below 节 level stay apart.
 */
export function nodeKey(location: Pick<Location, "doc" | "part" | "chapter" | "section" | "box" | "table"> & { readonly path?: Location["path"] }): string {
  if (location.path && location.path.length > 0) return [location.doc, location.path.map((step) => step.label).join("/"), location.box, location.table].join("|");
  return [location.doc, location.part, location.chapter, location.section, location.box, location.table].join("|");
}

/**
 * Hybrid retrieval: BM25 over jieba tokens and HNSW vector search, fused by a weighted sum of
 * normalised scores (lexical weighs more: the default embedder is lexical too; neural ones add meaning).
 */
export async function hybridSearch(index: PlanIndex, embedder: Embedder, query: SearchQuery, options: SearchOptions = {}): Promise<ScoredChunk[]> {
  const limit = options.limit ?? 30;
  const allowed = options.docs;
  const filter = allowed ? (chunkIndex: number) => allowed.has(index.chunks[chunkIndex]!.doc) : undefined;
  const lexical = searchBm25(index.bm25, queryTerms(query, (term) => Boolean(index.bm25.postings[term])), limit * 2, filter);
  const vectorHits: { index: number; similarity: number }[] = [];
  const count = index.chunks.length;
  if (count > 0) {
    const vector = await embedder.embeddings.embedQuery(query.text);
    const k = Math.min(count, limit * 2);
    const results = index.vectorStore.index.searchKnn(vector, k, filter ? (label: number) => filter(label) : undefined);
    results.neighbors.forEach((label: number, rank: number) => vectorHits.push({ index: label, similarity: 1 - (results.distances[rank] ?? 1) }));
  }
  // Convex combination of min-max normalised scores: unlike reciprocal-rank fusion it keeps how far
  // ahead the best lexical hit is, so a weak vector list cannot flatten a clear lexical winner.
  const maxLexical = lexical[0]?.score ?? 0;
  const similarities = vectorHits.map((hit) => hit.similarity);
  const maxSimilarity = Math.max(0, ...similarities);
  const minSimilarity = Math.min(maxSimilarity, ...similarities);
  const fused = new Map<number, { score: number; lexical: number; vector: number }>();
  for (const hit of lexical) fused.set(hit.index, { score: maxLexical > 0 ? LEXICAL_WEIGHT * (hit.score / maxLexical) : 0, lexical: hit.score, vector: 0 });
  for (const hit of vectorHits) {
    const entry = fused.get(hit.index) ?? { score: 0, lexical: 0, vector: 0 };
    const spread = maxSimilarity - minSimilarity;
    entry.score += (1 - LEXICAL_WEIGHT) * (spread > 0 ? (hit.similarity - minSimilarity) / spread : 1);
    entry.vector = hit.similarity;
    fused.set(hit.index, entry);
  }
  return [...fused.entries()]
    .map(([chunkIndex, entry]) => ({ chunk: index.chunks[chunkIndex]!, index: chunkIndex, ...entry }))
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .slice(0, limit);
}

/** Groups chunks by the node they sit in; a node scores by its best chunk plus a share of its second. */
export function aggregateByNode(chunks: readonly ScoredChunk[]): ScoredNode[] {
  const nodes = new Map<string, { location: Location; chunks: ScoredChunk[] }>();
  for (const scored of chunks) {
    const key = nodeKey(scored.chunk.location);
    const node = nodes.get(key) ?? { location: scored.chunk.location, chunks: [] };
    node.chunks.push(scored);
    nodes.set(key, node);
  }
  return [...nodes.entries()]
    .map(([key, node]) => {
      // Only the second-best chunk adds: long sections must not win by their number of weak hits.
      const [best, second] = node.chunks;
      const score = (best?.score ?? 0) + 0.25 * (second?.score ?? 0);
      return { key, location: node.location, score, chunks: node.chunks };
    })
    .sort((left, right) => right.score - left.score);
}

// Words that frame a request ("有什么安排", "有哪些措施") and say little about its topic.
const REQUEST_FRAME = new Set(["安排", "措施", "举措", "政策", "要求", "内容", "工作", "做法", "办法", "规定", "打算", "重点", "任务", "什么样", "具体", "主要", "相关", "方面", "怎么样", "情况", "期间", "时期", "以来"]);

/** IDF-weighted share of the question's tokens that a text's tokens contain (synonyms count). */
export function termCoverage(index: PlanIndex, questionTokens: readonly string[], textTokens: ReadonlySet<string>): number {
  let total = 0;
  let covered = 0;
  for (const token of new Set(questionTokens)) {
    const weight = REQUEST_FRAME.has(token) ? 0.25 : 1;
    // A word the plans never use (a typo, slang, a frame such as 打算) counts half: it may be noise
    // around a covered topic, and a whole question of such words still stays below the threshold.
    const idf = weight * (index.bm25.postings[token] ? bm25Idf(index.bm25, token) : 0.5 * bm25Idf(index.bm25, "\u0000unseen"));
    total += idf;
    if (textTokens.has(token) || synonymsOf(token).some((synonym) => textTokens.has(synonym))) covered += idf;
  }
  return total === 0 ? 0 : covered / total;
}
