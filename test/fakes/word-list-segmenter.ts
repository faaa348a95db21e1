import { tokenizeRuns, type Segmenter } from "../../src/segment/segmenter.js";

/** A Segmenter over a fixed word list, with the texts it was asked to cut. */
export interface WordListSegmenter extends Segmenter {
  readonly calls: string[];
}

/**
 * Cuts like the real segmenter (numbers and Latin words whole, punctuation dropped) but splits CJK
 * runs by longest match against `words`, one character where none fits. No dictionary to load.
 * Unlike the real one it does not normalise: callers pass matching-form text.
 */
export function createWordListSegmenter(words: readonly string[]): WordListSegmenter {
  const lexicon = new Set(words);
  const longest = Math.max(1, ...words.map((word) => word.length));
  const calls: string[] = [];
  const cutRun = (run: string): string[] => {
    const tokens: string[] = [];
    let start = 0;
    while (start < run.length) {
      let length = Math.min(longest, run.length - start);
      while (length > 1 && !lexicon.has(run.slice(start, start + length))) length -= 1;
      tokens.push(run.slice(start, start + length));
      start += length;
    }
    return tokens;
  };
  return {
    id: "word-list",
    calls,
    cut(text: string): string[] {
      calls.push(text);
      return tokenizeRuns(text.toLowerCase(), cutRun);
    },
    words(text: string, _options?: { readonly guessUnknown?: boolean }): string[] {
      // Runs of CJK by longest match, every other character on its own: the pieces join to `text`.
      return text.split(/([\u4e00-\u9fa5]+)/).flatMap((piece) => (/^[\u4e00-\u9fa5]+$/.test(piece) ? cutRun(piece) : [...piece]));
    },
  };
}
