import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { createHashedEmbedder } from "../src/embed/hashed-embeddings.js";
import type { Location, Plan } from "../src/parse/plan-types.js";
import type { Segmenter } from "../src/segment/segmenter.js";
import { createOffsetLocator } from "./locate-offset.js";

/** A retrieved passage and where it sits in its plan. */
export interface RankedPassage {
  readonly text: string;
  readonly location: Location;
}

/** A plan document as the naive pipeline sees it: its raw text, plus the parsed outline for locating chunks. */
export interface NaiveSource {
  readonly plan: Plan;
  readonly text: string;
}

export interface NaivePipeline {
  readonly chunkCount: number;
  /** Share of chunks whose lines span more than one outline node (their citation is the node of their first body line). */
  readonly crossingShare: number;
  /** The top `k` chunks by vector similarity, best first. */
  search(question: string, k: number): Promise<RankedPassage[]>;
}

export interface NaivePipelineOptions {
  readonly sources: readonly NaiveSource[];
  /** The bot's segmenter: the naive pipeline gets the same default embedder over the same tokens. */
  readonly segmenter: Segmenter;
  readonly chunkSize?: number;
  readonly chunkOverlap?: number;
}

/**
 * What a team would build first: LangChain's RecursiveCharacterTextSplitter over the plan text,
 * the bot's default embedder (hashed TF-IDF, IDF fitted on these chunks as the bot fits it on its
 * own) and an HNSWLib store. A chunk's citation is the outline node of its first body line,
 * found from its character offset in the plan text (see locate-offset.ts).
 */
export async function buildNaivePipeline(options: NaivePipelineOptions): Promise<NaivePipeline> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: options.chunkSize ?? 500, chunkOverlap: options.chunkOverlap ?? 50 });
  const documents: Document[] = [];
  const locations: Location[] = [];
  let crossing = 0;
  for (const { plan, text } of options.sources) {
    const locator = createOffsetLocator(plan, text);
    let searchFrom = 0;
    for (const chunk of await splitter.splitText(text)) {
      // Chunks are trimmed substrings of the text in order (overlapping): find each after the previous start.
      const start = text.indexOf(chunk, searchFrom);
      if (start < 0) throw new Error(`naive pipeline: a chunk of ${plan.doc} is not a substring of the text; cannot locate it`);
      searchFrom = start + 1;
      const location = locator.locate(start, start + chunk.length);
      if (locator.crosses(start, start + chunk.length)) crossing += 1;
      locations.push(location);
      documents.push(new Document({ pageContent: chunk, metadata: { chunk: locations.length - 1 } }));
    }
  }
  const embedder = createHashedEmbedder(options.segmenter);
  embedder.fit?.(documents.map((document) => document.pageContent));
  const store = await HNSWLib.fromDocuments(documents, embedder.embeddings);
  return {
    chunkCount: documents.length,
    crossingShare: documents.length === 0 ? 0 : crossing / documents.length,
    async search(question, k) {
      const results = await store.similaritySearch(question, k);
      return results.map((document) => ({ text: document.pageContent, location: locations[document.metadata.chunk as number]! }));
    },
  };
}
