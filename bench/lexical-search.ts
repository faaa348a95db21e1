import { analyzeQuestion } from "../src/answer/analyze-question.js";
import type { Engine } from "../src/answer/engine.js";
import { queryTerms } from "../src/retrieve/hybrid-search.js";
import { searchBm25 } from "../src/store/bm25-index.js";
import type { RankedPassage } from "./naive-pipeline.js";

/**
 * Lexical search alone: the bot's BM25 index over its own chunks, queried with the bot's query
 * terms (the question's content tokens and their plan synonyms), no vectors, no answer logic.
 */
export function lexicalSearch(engine: Engine, question: string, k: number): RankedPassage[] {
  const analysis = analyzeQuestion(question, engine.segmenter);
  return searchBm25(engine.index.bm25, queryTerms({ text: analysis.text, tokens: analysis.content }), k).map((hit) => {
    const chunk = engine.index.chunks[hit.index]!;
    return { text: chunk.text, location: chunk.location };
  });
}
