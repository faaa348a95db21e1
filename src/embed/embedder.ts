import type { Embeddings } from "@langchain/core/embeddings";

/** A LangChain Embeddings model with the identity the index manifest records. */
export interface Embedder {
  readonly id: string;
  readonly dimension: number | null;
  readonly embeddings: Embeddings;
  /** Learns corpus statistics before indexing (the offline embedder's IDF); returns state to persist. */
  fit?(texts: readonly string[]): unknown;
  /** Restores persisted state at load. */
  restore?(state: unknown): void;
}
