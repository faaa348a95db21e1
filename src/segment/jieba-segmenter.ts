import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { normalizeForMatch } from "../text/normalize-text.js";
import { tokenizeRuns, type Segmenter } from "./segmenter.js";

interface NodeJieba {
  load(options?: { dict?: string; hmmDict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  cut(sentence: string, strict?: boolean): string[];
  cutForSearch(sentence: string, strict?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
}

const require = createRequire(import.meta.url);
let loadedDictionary: string | null = null;

export interface JiebaSegmenterOptions {
  /** Domain words kept whole (indicator, project and organisation names, quoted terms). */
  readonly userWords?: readonly string[];
  /** Main dictionary path; defaults to nodejieba's own dictionary. */
  readonly dictionaryPath?: string;
}

/**
 * nodejieba-backed segmenter. nodejieba holds one global dictionary per process: the first
 * segmenter loads it, later ones add their user words to it.
 */
export function createJiebaSegmenter(options: JiebaSegmenterOptions = {}): Segmenter {
  const jieba = require("nodejieba") as NodeJieba;
  const dictionary = options.dictionaryPath ?? "default";
  if (loadedDictionary === null) {
    jieba.load(options.dictionaryPath ? { dict: options.dictionaryPath } : {});
    loadedDictionary = dictionary;
  }
  const userWords = [...new Set((options.userWords ?? []).map((word) => normalizeForMatch(word)).filter((word) => word.length >= 2))].sort();
  for (const word of userWords) jieba.insertWord(word);
  const id = `nodejieba@3+${createHash("sha256").update(`${loadedDictionary}\n${userWords.join("\n")}`).digest("hex").slice(0, 12)}`;
  const cache = new Map<string, string[]>();
  return {
    id,
    cut(text: string): string[] {
      return tokenizeRuns(normalizeForMatch(text), (run) => {
        const cached = cache.get(run);
        if (cached) return cached;
        // Search mode: a long domain word also yields its parts (学前三年毛入园率 → 学前, 三年, 入园率, …).
        const tokens = jieba.cutForSearch(run, true);
        if (cache.size < 50_000) cache.set(run, tokens);
        return tokens;
      });
    },
  };
}
