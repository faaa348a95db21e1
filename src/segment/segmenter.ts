/** Splits text into matching tokens. Documents and questions go through the same segmenter. */
export interface Segmenter {
  /** Identifies the segmenter and its dictionary; recorded in the index manifest. */
  readonly id: string;
  /** Tokens of `text` in matching form (normalised, no punctuation, numbers whole). */
  cut(text: string): string[];
  /**
   * Words of `text` as written, without overlaps: their concatenation is `text` exactly
   * (punctuation and spaces included). For rewriting a question, never for matching. With
   * `guessUnknown: false`, only dictionary words are joined: a span the dictionary does not know
   * comes out as single characters (how typo candidates are found).
   */
  words(text: string, options?: { readonly guessUnknown?: boolean }): string[];
}

/** Function words and question words that carry no topic. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ("的 地 得 了 着 和 与 及 以及 或 等 是 在 为 对 把 将 从 由 被 于 其 之 而 并 也 都 又 就 要 有 个 这 那 这个 那个 " +
    "什么 哪些 哪个 哪 多少 几 几个 怎么 怎样 如何 吗 呢 吧 啊 呀 么 请问 请 问 一下 告诉 我 我们 你 你们 它 他们 " +
    "能 会 可以 应该 需要 规划 本 本规划 里 中 上 下 方面 情况 一个 一些 还 到 给 让 是否 有没有 多大 是不是 " +
    "谁 来 去 做 干 搞 办 时 时候 呗 嘛 哦 吧 么样 怎么办 怎样才能 为什么 哪里 哪儿 啥 咋 咋办 讲 说 提到 提出 " +
    "到底 究竟 意思 含义 意味着 指的是 是指 " +
    "the a an of to in is what how").split(/\s+/),
);

const NUMBER = /\d+(?:\.\d+)?%?/y;
const LATIN = /[a-z][a-z0-9+\-]*/y;

/**
 * Splits normalised text into runs: numbers stay whole (61.5, 2025, 94%), Latin words stay
 * whole, CJK runs go to `cutChinese`. Punctuation and whitespace are dropped.
 */
export function tokenizeRuns(normalized: string, cutChinese: (run: string) => string[]): string[] {
  const tokens: string[] = [];
  let index = 0;
  while (index < normalized.length) {
    const char = normalized[index]!;
    if (/\d/.test(char)) {
      NUMBER.lastIndex = index;
      const match = NUMBER.exec(normalized)!;
      tokens.push(match[0]);
      index += match[0].length;
      continue;
    }
    if (/[a-z]/.test(char)) {
      LATIN.lastIndex = index;
      const match = LATIN.exec(normalized)!;
      tokens.push(match[0]);
      index += match[0].length;
      continue;
    }
    if (/[\u3400-\u9fff]/.test(char)) {
      let end = index + 1;
      while (end < normalized.length && /[\u3400-\u9fff]/.test(normalized[end]!)) end += 1;
      for (const token of cutChinese(normalized.slice(index, end))) tokens.push(token);
      index = end;
      continue;
    }
    index += 1;
  }
  return tokens;
}

/** Topic tokens: drops stop words. */
export function contentTokens(tokens: readonly string[]): string[] {
  return tokens.filter((token) => !STOP_WORDS.has(token));
}
