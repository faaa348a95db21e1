/** A BM25 index over pre-tokenised documents; serialisable to JSON. */
export interface Bm25Data {
  readonly k1: number;
  readonly b: number;
  readonly documentLengths: readonly number[];
  readonly averageLength: number;
  /** term → [documentIndex, termFrequency][] */
  readonly postings: Readonly<Record<string, readonly (readonly [number, number])[]>>;
}

export interface ScoredDocument {
  readonly index: number;
  readonly score: number;
}

/** Builds BM25 postings from token lists. */
export function buildBm25(documents: readonly (readonly string[])[], k1 = 1.2, b = 0.75): Bm25Data {
  const postings: Record<string, [number, number][]> = {};
  documents.forEach((tokens, documentIndex) => {
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [term, frequency] of counts) (postings[term] ??= []).push([documentIndex, frequency]);
  });
  const documentLengths = documents.map((tokens) => tokens.length);
  const averageLength = documentLengths.reduce((sum, length) => sum + length, 0) / Math.max(1, documentLengths.length);
  return { k1, b, documentLengths, averageLength, postings };
}

/** Inverse document frequency of a term (BM25+ style, never negative). */
export function bm25Idf(data: Bm25Data, term: string): number {
  const documentFrequency = data.postings[term]?.length ?? 0;
  const total = data.documentLengths.length;
  return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** Scores documents for weighted query terms; returns the best `limit`, highest first. */
export function searchBm25(data: Bm25Data, terms: ReadonlyMap<string, number>, limit: number, filter?: (index: number) => boolean): ScoredDocument[] {
  const scores = new Map<number, number>();
  for (const [term, weight] of terms) {
    const list = data.postings[term];
    if (!list) continue;
    const idf = bm25Idf(data, term);
    for (const [documentIndex, frequency] of list) {
      if (filter && !filter(documentIndex)) continue;
      const length = data.documentLengths[documentIndex] ?? 0;
      const normalised = (frequency * (data.k1 + 1)) / (frequency + data.k1 * (1 - data.b + (data.b * length) / data.averageLength));
      scores.set(documentIndex, (scores.get(documentIndex) ?? 0) + weight * idf * normalised);
    }
  }
  return [...scores.entries()]
    .map(([index, score]) => ({ index, score }))
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .slice(0, limit);
}
