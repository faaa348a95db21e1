import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { normalizeForMatch } from "../text/normalize-text.js";
import type { PreparedDictionary } from "./prepare-dictionary.js";
import { tokenizeRuns, type Segmenter } from "./segmenter.js";

interface NodeJieba {
  load(options?: { dict?: string; hmmDict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  cutForSearch(sentence: string, strict?: boolean): string[];
  cut(sentence: string, hmm?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
}

const require = createRequire(import.meta.url);

/** nodejieba holds one dictionary per process; this is the key of the one loaded now. */
let activeKey: string | null = null;

export interface JiebaSegmenterOptions {
  /** Domain words kept whole (indicator, project and organisation names, quoted terms). */
  readonly userWords?: readonly string[];
  /** A dictionary trimmed to the corpus (fast to load); defaults to nodejieba's full dictionary. */
  readonly dictionary?: PreparedDictionary;
}

/**
 * nodejieba-backed segmenter in search mode (a long word also yields its parts). When several
 * segmenters with different dictionaries share a process, each reloads its own before cutting.
 */
export function createJiebaSegmenter(options: JiebaSegmenterOptions = {}): Segmenter {
  const jieba = require("nodejieba") as NodeJieba;
  const userWords = [...new Set((options.userWords ?? []).map((word) => normalizeForMatch(word)).filter((word) => word.length >= 2))].sort();
  const dictionaryKey = options.dictionary?.key ?? "full";
  const key = createHash("sha256").update(`${dictionaryKey}\n${userWords.join("\n")}`).digest("hex").slice(0, 12);
  const activate = () => {
    if (activeKey === key) return;
    const dictionary = options.dictionary;
    jieba.load(dictionary ? { dict: dictionary.dictionaryPath, idfDict: dictionary.idfPath, stopWordDict: dictionary.stopWordPath } : {});
    for (const word of userWords) jieba.insertWord(word);
    activeKey = key;
  };
  activate();
  const cache = new Map<string, string[]>();
  return {
    id: `nodejieba@3+${dictionaryKey}+${key}`,
    cut(text: string): string[] {
      return tokenizeRuns(normalizeForMatch(text), (run) => {
        const cached = cache.get(run);
        if (cached) return cached;
        activate();
        const tokens = jieba.cutForSearch(run, true);
        if (cache.size < 50_000) cache.set(run, tokens);
        return tokens;
      });
    },
    words(text: string, options: { readonly guessUnknown?: boolean } = {}): string[] {
      activate();
      const words = jieba.cut(text, options.guessUnknown ?? true);
      // jieba keeps every character; should a build ever drop one, fall back to single characters.
      return words.join("") === text ? words : [...text];
    },
  };
}
