import { normalizeForMatch } from "../text/normalize-text.js";
import { parseChineseNumber } from "./parse-chinese-number.js";

/** One number stated in a text, with its value after units are applied. */
export interface NumberMention {
  /** The number as it reads in the matching form of the text (e.g. "84.03亿", "百分之五十五"). */
  readonly text: string;
  /** Value with 万/亿 applied; a percentage keeps its figure (55% → 55). */
  readonly value: number;
  /** Comparison key: the value rounded to 12 significant digits, as a string. */
  readonly key: string;
  readonly percent: boolean;
}

/** Counted things after a lone Chinese digit that make it a figure (两所, 三年), not a word (一流, 统一). */
const CLASSIFIERS = new Set([..."所名人间台座家个项门类条种支位户套层班节本册张部场届期轮份组处栋亩倍年月日天周岁次元"]);
/** 一 before these is usually a figure; 一个/一项/一批 usually just mean "a". */
const CLASSIFIERS_FOR_ONE = new Set([..."所名人间座家倍亩栋元岁"]);

const MULTIPLIERS: Readonly<Record<string, number>> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3, 百: 1e2 };

// Passage markers the model may echo ([P1]), and circled or parenthesised list numbers (①, ⑴, ❶), which NFKC would turn into digits.
const PASSAGE_MARKER = /\[\s*p\d+\s*\]/gi;
const LIST_SYMBOLS = /[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]/g;
// List enumerators at the start of a line ("1. ", "2、", "三、") and in brackets ("(1)", "(一)").
const LINE_ENUMERATOR = /(^|\n)[ \t]*(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:[.、)](?!\d))/g;
const BRACKET_ENUMERATOR = /\(\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*\)/g;

/*
 * Alternatives, tried left to right at each position:
 *  1. 百分之 + numeral (百分之五十五, 百分之55): a percentage.
 *  2. Arabic number with optional thousands separators, decimals, multiplier and percent sign.
 *     千/百 are multipliers only when they are not the start of a unit word (千米, 千克, 百分点).
 *  3. A run of Chinese numeral characters with an optional percent sign.
 */
const NUMBER_PATTERN =
  /百分之([零〇○一二两三四五六七八九十百千点]+|\d+(?:\.\d+)?)|(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?\s*(万亿|亿|万|千(?![米克瓦帕卡兆])|百(?![分米强]))?\s*(%|‰)?|([零〇○一二两三四五六七八九十百千万亿点]+)\s*(%|‰)?/g;

/** Comparison key of a value: 12 significant digits absorb floating-point noise (84.03 × 1e8). */
export function numberKey(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function mention(text: string, value: number, percent: boolean): NumberMention {
  return { text, value, key: numberKey(value), percent };
}

/** Prepares a text for scanning: drops markers and enumerators, then the shared matching form. */
function scanForm(text: string): string {
  const withoutSymbols = text.replace(PASSAGE_MARKER, " ").replace(LIST_SYMBOLS, " ");
  // A full-width comma separates list items in Chinese ("85，100"); keep it from turning into a thousands separator under NFKC.
  const normalized = normalizeForMatch(withoutSymbols.replace(/，/g, "、"));
  return normalized.replace(PASSAGE_MARKER, " ").replace(LINE_ENUMERATOR, "$1 ").replace(BRACKET_ENUMERATOR, " ");
}

/**
 * Numbers stated in a text, normalised so that the same figure compares equal however it is
 * written: Arabic or Chinese numerals (一百二十, 两千), 万/亿 units (1.2万 = 12000, 84.03亿),
 * percentages (55% and 百分之五十五), full-width digits, thousands separators, years
 * (2025年, 二〇二五年). Ordinals (第三章), list enumerators (1. / (一) / ①), plan-period names
 * (十四五) and words that merely contain a numeral (统一, 一流, 千万不要) are not numbers.
 */
export function extractNumbers(text: string): NumberMention[] {
  const form = scanForm(text);
  const mentions: NumberMention[] = [];
  for (const match of form.matchAll(NUMBER_PATTERN)) {
    const start = match.index;
    const before = start > 0 ? form[start - 1]! : "";
    const after = form[start + match[0].length] ?? "";
    if (before === "第") continue; // ordinals: 第三章, 第3节
    const [whole, percentOf, integerDigits, decimalDigits, multiplier, arabicPercent, chineseRun, chinesePercent] = match;
    if (percentOf !== undefined) {
      const value = /\d/.test(percentOf) ? Number(percentOf) : parseChineseNumber(percentOf);
      if (value !== null && Number.isFinite(value)) mentions.push(mention(whole.trim(), value, true));
      continue;
    }
    if (integerDigits !== undefined) {
      if (/[a-z]/.test(before)) continue; // identifiers such as p1 or h5
      const base = Number(`${integerDigits.replace(/,/g, "")}${decimalDigits ?? ""}`);
      const value = base * (multiplier ? MULTIPLIERS[multiplier]! : 1);
      if (Number.isFinite(value)) mentions.push(mention(whole.trim(), value, arabicPercent !== undefined));
      continue;
    }
    if (chineseRun !== undefined) {
      const run = chineseRun.replace(/^点+|点+$/g, "");
      const value = parseChineseNumber(run);
      if (value === null) continue;
      const percent = chinesePercent !== undefined;
      if ([...run].length === 1 && !percent) {
        // A lone numeral is a figure only before a counted thing: 两所, 三年; 一 only before a concrete unit.
        const follows = chineseRun.endsWith("点") ? "" : after;
        if (!(value === 1 ? CLASSIFIERS_FOR_ONE : CLASSIFIERS).has(follows)) continue;
      }
      mentions.push(mention(whole.trim(), value, percent));
    }
  }
  return mentions;
}

/** The set of comparison keys of the numbers in `text`. */
export function numberKeys(text: string): Set<string> {
  return new Set(extractNumbers(text).map((number) => number.key));
}
