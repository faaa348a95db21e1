import { z } from "zod";
import readingsData from "./lexicon/char-readings.json" with { type: "json" };
import type { Segmenter } from "../segment/segmenter.js";
import { normalizeForMatch } from "../text/normalize-text.js";

/**
 * Typos against the plans' own terms (indicator names, quoted terms, heading words, bodies):
 * each term is indexed with one character blanked, so a span of a question that the plans never
 * use, but that differs from exactly one term in one character, reads as that term
 * (县管校拼 → 县管校聘, 家校共玉 → 家校共育, 在圆幼儿数 → 在园幼儿数, 巩故率 → 巩固率).
 */
export interface TypoIndex {
  /** Term lengths present, longest first. */
  readonly lengths: readonly number[];
  /** A term with one position blanked ("县管校_") → the terms it stands for. */
  readonly byPattern: ReadonlyMap<string, readonly string[]>;
  /** Normalised text of the plans, to leave alone any span the plans themselves use. */
  readonly planText: string;
}

const BLANK = "_";

/** Characters that join or relate words (比, 和, 的, 从…): never the odd character of a typo. */
const FUNCTION_CHARACTER = /[比和与跟同的在是从到及或把被向]/;

/**
 * Builds the index from the plans' terms (4–10 characters; shorter ones match by chance) and
 * their normalised text.
 */
export function buildTypoIndex(terms: Iterable<string>, planTexts: readonly string[]): TypoIndex {
  const byPattern = new Map<string, string[]>();
  const lengths = new Set<number>();
  for (const raw of terms) {
    const term = normalizeForMatch(raw);
    if (!/^[\u4e00-\u9fa5]{4,10}$/.test(term)) continue;
    lengths.add(term.length);
    for (let position = 0; position < term.length; position += 1) {
      const pattern = `${term.slice(0, position)}${BLANK}${term.slice(position + 1)}`;
      const list = byPattern.get(pattern) ?? [];
      if (!list.includes(term)) list.push(term);
      byPattern.set(pattern, list);
    }
  }
  return { lengths: [...lengths].sort((left, right) => right - left), byPattern, planText: planTexts.map(normalizeForMatch).join("\n") };
}

/**
 * The question with its typos against the plans' terms corrected, or the question unchanged.
 * A span changes only when the plans never use it and exactly one term differs from it in one
 * character.
 */
export function correctTypos(question: string, index: TypoIndex): string {
  const original = normalizeForMatch(question);
  let text = original;
  for (const length of index.lengths) {
    for (let start = 0; start + length <= text.length; start += 1) {
      const span = text.slice(start, start + length);
      if (!/^[\u4e00-\u9fa5]+$/.test(span)) continue;
      // Index look-ups first: they are cheap, and most spans match no term; only then scan the plans' text.
      const candidates = new Set<string>();
      for (let position = 0; position < length; position += 1) {
        const terms = index.byPattern.get(`${span.slice(0, position)}${BLANK}${span.slice(position + 1)}`);
        if (!terms) continue;
        // At the span's edge the odd character may begin or end a word of its own (在园幼儿 + 规模):
        // a pair the plans use is a word, not a typo.
        const outside = position === length - 1 ? `${span[position]}${text[start + length] ?? ""}` : position === 0 ? `${text[start - 1] ?? ""}${span[0]}` : "";
        if (outside.length === 2 && index.planText.includes(outside)) continue;
        // A function word in the odd place (在园幼儿比2015年: 比 compares) is the asker's grammar, not a typo.
        if (FUNCTION_CHARACTER.test(span[position]!)) continue;
        for (const term of terms) candidates.add(term);
      }
      if (candidates.size !== 1 || candidates.has(span) || index.planText.includes(span)) continue;
      text = `${text.slice(0, start)}${[...candidates][0]}${text.slice(start + length)}`;
    }
  }
  return text === original ? question : text;
}

/**
 * The plans' words (2–4 characters) by their toneless pinyin, for typos made with a pinyin input
 * method: 原泽 → 原则, 人材 → 人才, 复盖率 → 覆盖率, 林叶 → 林业. Character readings come from
 * lexicon/char-readings.json (built from pinyin-pro's dictionary); a word is indexed under
 * each way its characters read (行: xing, hang) and a question's span is looked up the same way.
 */
export interface HomophoneIndex {
  readonly byReading: ReadonlyMap<string, readonly string[]>;
  /** How often the plans use each indexed word (chunks it occurs in). */
  readonly counts: ReadonlyMap<string, number>;
}

/**
 * Builds the index from the plans' vocabulary (e.g. the BM25 index's terms), keeping words the
 * plans use at least twice (`count`): a word seen once is too weak a reason to rewrite a question.
 * Non-Chinese words are skipped.
 */
export function buildHomophoneIndex(words: Iterable<string>, count: (word: string) => number): HomophoneIndex {
  const byReading = new Map<string, string[]>();
  const counts = new Map<string, number>();
  for (const word of words) {
    if (!/^[\u4e00-\u9fa5]{2,4}$/.test(word) || count(word) < 2) continue;
    counts.set(word, count(word));
    for (const key of readings(word)) {
      const list = byReading.get(key) ?? [];
      list.push(word);
      byReading.set(key, list);
    }
  }
  return { byReading, counts };
}

/** Toneless pinyin → characters, as built by scripts/build-homophones.mjs from pinyin-pro. Validated at first use. */
const readingsSchema = z.object({ readings: z.record(z.string().regex(/^[a-zü]+$/), z.string().min(1)) });
let characterReadings: ReadonlyMap<string, readonly string[]> | null = null;

/** The toneless readings of one character (several for 行: xing, hang); the character itself when unknown. */
function readingsOf(character: string): readonly string[] {
  if (!characterReadings) {
    const map = new Map<string, string[]>();
    for (const [reading, characters] of Object.entries(readingsSchema.parse(readingsData).readings)) for (const each of characters) map.set(each, [...(map.get(each) ?? []), reading]);
    characterReadings = map;
  }
  return characterReadings.get(character) ?? [character];
}

/** Every way `text` may be read, one reading per character (at most 16, the first readings first). */
function readings(text: string): string[] {
  let ways = [""];
  for (const character of text) ways = ways.flatMap((way) => readingsOf(character).map((reading) => (way ? `${way} ${reading}` : reading))).slice(0, 16);
  return ways;
}

/**
 * The question with homophone typos read as the plans' words. Candidates are runs of characters the
 * segmenter's dictionary does not join into words (`words(…, { guessUnknown: false })`: 原泽 comes
 * out as 原 + 泽, while 同事 or 几个 stay words and are never touched). A span of such a run (2–4
 * characters, longest first) changes only when the plans never use it and one word of the plans
 * reads the same, has the same length and keeps at least one of its characters in place (so a
 * different word that merely sounds alike, 失业 for 事业, is left alone); of several such words, the
 * one used at least three times as often as the next.
 */
export function correctHomophones(question: string, typos: TypoIndex, homophones: HomophoneIndex | (() => HomophoneIndex), segmenter: Pick<Segmenter, "words">): string {
  // Traditional characters and full-width forms are read as the plans are (幾個 is 几个, not a typo).
  const normalized = normalizeForMatch(question);
  const pieces = segmenter.words(normalized, { guessUnknown: false });
  const out: string[] = [];
  let index = 0;
  while (index < pieces.length) {
    // A run of single Chinese characters the dictionary left unjoined.
    let end = index;
    while (end < pieces.length && /^[\u4e00-\u9fa5]$/.test(pieces[end]!)) end += 1;
    if (end - index < 2) {
      out.push(pieces[index]!);
      index += 1;
      continue;
    }
    const run = pieces.slice(index, end).join("");
    // The index is built only for a question that has a span worth reading.
    if (candidateSpans(run, typos).length === 0) out.push(run);
    else out.push(correctRun(run, typos, typeof homophones === "function" ? homophones() : homophones, pieces[index - 1] ?? "", pieces[end] ?? ""));
    index = end;
  }
  const corrected = out.join("");
  return corrected === normalized ? question : corrected;
}

/** Spans of a run (2–4 characters) the plans never use and that hold no question word (几, 多少, 啥…). */
function candidateSpans(run: string, typos: TypoIndex): string[] {
  const spans: string[] = [];
  for (const length of [4, 3, 2]) for (let start = 0; start + length <= run.length; start += 1) {
    const span = run.slice(start, start + length);
    if (!typos.planText.includes(span) && !QUESTION_WORD.test(span)) spans.push(span);
  }
  return spans;
}

/** Question words (几章, 多少, 啥) are what the asker means, never a typo. */
const QUESTION_WORD = /[几多少啥哪谁吗呢么咋]/;

function correctRun(run: string, typos: TypoIndex, homophones: HomophoneIndex, before: string, after: string): string {
  let text = run;
  for (const length of [4, 3, 2]) {
    for (let start = 0; start + length <= text.length; start += 1) {
      const span = text.slice(start, start + length);
      if (typos.planText.includes(span) || QUESTION_WORD.test(span)) continue;
      // A function character (是, 的, 和…) is never the misread one: 都是啥 is no typo of 都市.
      const words = readings(span).flatMap((way) => homophones.byReading.get(way) ?? []).filter((word) => word !== span && [...word].some((character, position) => span[position] === character) && ![...word].some((character, position) => span[position] !== character && FUNCTION_CHARACTER.test(span[position]!)));
      // One candidate, or one the plans use at least three times as often as any other (措施 over 错失).
      const ranked = [...new Set(words)].sort((left, right) => (homophones.counts.get(right) ?? 0) - (homophones.counts.get(left) ?? 0));
      if (ranked.length === 0 || (ranked.length > 1 && (homophones.counts.get(ranked[0]!) ?? 0) < 3 * (homophones.counts.get(ranked[1]!) ?? 0))) continue;
      const distinct = ranked.slice(0, 1);
      // A character that differs may begin or end a word the plans use with its neighbour outside the
      // span (区预 + 期: 预期性 is the plan's word, so 区预 is no typo of 区域).
      const left = `${(start === 0 ? before : text[start - 1]) ?? ""}`.slice(-1);
      const right = `${(start + length === text.length ? after : text[start + length]) ?? ""}`.slice(0, 1);
      const edges = [`${left}${span[0]}`, `${span[length - 1]}${right}`].filter((pair, side) => pair.length === 2 && (side === 0 ? distinct[0]![0] !== span[0] : distinct[0]![length - 1] !== span[length - 1]));
      if (edges.some((pair) => typos.planText.includes(pair))) continue;
      text = `${text.slice(0, start)}${distinct[0]}${text.slice(start + length)}`;
    }
  }
  return text;
}
