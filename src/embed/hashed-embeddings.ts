import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import type { Segmenter } from "../segment/segmenter.js";
import { normalizeForMatch } from "../text/normalize-text.js";

export interface HashedEmbeddingsOptions extends EmbeddingsParams {
  readonly segmenter: Segmenter;
  /** Vector dimension (a power of two keeps the hash uniform). */
  readonly dimension?: number;
  /** Inverse document frequencies by feature, learnt from the corpus at ingest (see `fit`). */
  readonly idf?: ReadonlyMap<string, number>;
}

/** FNV-1a 32-bit hash. */
export function fnv1a32(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/**
 * Offline embeddings: jieba tokens and character bigrams, weighted by IDF, hashed into a fixed
 * dimension with a sign bit, and L2-normalised. No model download, deterministic, fast.
 */
export class HashedEmbeddings extends Embeddings {
  readonly segmenter: Segmenter;
  readonly dimension: number;
  private idf: ReadonlyMap<string, number>;

  constructor(options: HashedEmbeddingsOptions) {
    super(options);
    this.segmenter = options.segmenter;
    this.dimension = options.dimension ?? 512;
    this.idf = options.idf ?? new Map();
  }

  /** Identifier recorded in the index manifest. */
  get id(): string {
    return `hashed-tfidf-${this.dimension}`;
  }

  /** Features of a text: word tokens and character bigrams of CJK runs. */
  features(text: string): string[] {
    const tokens = this.segmenter.cut(text).map((token) => `w:${token}`);
    const bigrams: string[] = [];
    for (const run of normalizeForMatch(text).match(/[\u4e00-\u9fa5]+/g) ?? []) {
      for (let index = 0; index + 1 < run.length; index += 1) bigrams.push(`b:${run.slice(index, index + 2)}`);
    }
    return [...tokens, ...bigrams];
  }

  /** Learns IDF weights from the corpus; returns them for the manifest. */
  fit(texts: readonly string[]): Map<string, number> {
    const documentFrequency = new Map<string, number>();
    for (const text of texts) for (const feature of new Set(this.features(text))) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
    const idf = new Map<string, number>();
    for (const [feature, frequency] of documentFrequency) idf.set(feature, Math.log(1 + texts.length / frequency));
    this.idf = idf;
    return idf;
  }

  /** Restores IDF weights saved at ingest. */
  restoreIdf(idf: ReadonlyMap<string, number>): void {
    this.idf = idf;
  }

  embedText(text: string): number[] {
    const vector = new Array<number>(this.dimension).fill(0);
    const counts = new Map<string, number>();
    for (const feature of this.features(text)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
    const defaultIdf = Math.log(1 + Math.max(1, this.idf.size)) || 1;
    for (const [feature, count] of counts) {
      const weight = (1 + Math.log(count)) * (this.idf.get(feature) ?? defaultIdf) * (feature.startsWith("w:") ? 1 : 0.5);
      const bucket = fnv1a32(feature);
      vector[bucket % this.dimension]! += bucket & 0x80000000 ? -weight : weight;
    }
    const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
    return vector.map((value) => value / norm);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => this.embedText(document));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedText(document);
  }
}

/** The default offline embedder, with IDF learnt at ingest and persisted in the index. */
export function createHashedEmbedder(segmenter: Segmenter, dimension = 512): import("./embedder.js").Embedder {
  const embeddings = new HashedEmbeddings({ segmenter, dimension });
  return {
    id: `${embeddings.id}+${segmenter.id}`,
    dimension,
    embeddings,
    fit: (texts) => Object.fromEntries(embeddings.fit(texts)),
    restore: (state) => {
      embeddings.restoreIdf(new Map(Object.entries(state as Record<string, number>)));
    },
  };
}
