import type { Indicator, IndicatorValue } from "../parse/plan-types.js";
import { bigramCoverage, characterBigrams } from "../parse/link-boxes.js";
import type { QuestionAnalysis } from "./analyze-question.js";

export interface IndicatorMatch {
  readonly indicator: Indicator;
  readonly score: number;
  /** How much of the category the question names (义务教育 vs 高中阶段教育). */
  readonly categoryScore: number;
}

export type IndicatorLookup =
  | { readonly kind: "found"; readonly indicator: Indicator; readonly alternatives: readonly Indicator[] }
  | { readonly kind: "ambiguous"; readonly candidates: readonly Indicator[] }
  | { readonly kind: "not-found"; readonly candidates: readonly Indicator[] };

// characterBigrams caches short texts: an indicator name is split once, not once per question.
const coverage = bigramCoverage;

/** Ways a question names an indicator: its name, the name without 占比/数, 在校生 for 在校学生数. */
const variantCache = new WeakMap<Indicator, readonly string[]>();
function nameVariants(indicator: Indicator): readonly string[] {
  const cached = variantCache.get(indicator);
  if (cached) return cached;
  const variants = [indicator.name];
  const trimmed = indicator.name.replace(/(占比|的比例|比例)$/, "");
  if (trimmed.length >= 4 && trimmed !== indicator.name) variants.push(trimmed);
  // "财政性教育经费占一般公共预算支出的比例" is said as "财政性教育经费占比".
  const share = /^(.{2,}?)占.+?的?比例$/.exec(indicator.name);
  if (share) variants.push(`${share[1]}占比`, `${share[1]}比例`, `${share[1]}比重`);
  if (/在校学生数$/.test(indicator.name)) variants.push(indicator.name.replace(/在校学生数$/, "在校生"), indicator.name.replace(/在校学生数$/, "学生数"));
  if (/在园幼儿数$/.test(indicator.name)) variants.push(indicator.name.replace(/数$/, ""), "在园人数");
  if (indicator.parent) {
    const core = indicator.name.replace(/^普通/, "");
    // "普通初中在校学生数" names the sub-row, not its parent: the full form must outscore "在校学生数".
    variants.push(`${indicator.name}${indicator.parent}`, `${core}在校生`, `在校${core}生`, `${core}生`, `${core}学生`);
  }
  variantCache.set(indicator, variants);
  return variants;
}

/** Short forms officials use for indicator names (中职 = 中等职业教育). */
const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/中职/g, "中等职业教育"],
  [/公办园/g, "公办幼儿园"],
  [/民办园/g, "民办幼儿园"],
  [/普惠园|普惠性园/g, "普惠性幼儿园"],
  [/普高/g, "普通高中"],
  [/义教/g, "义务教育"],
  [/毛入学|入学率/g, "毛入学率"],
  [/入园率/g, "毛入园率"],
  [/巩固率/g, "义务教育巩固率"],
  [/受教育年限/g, "平均受教育年限"],
];

/** The question text plus the long forms of the abbreviations it uses. */
function matchingText(text: string): string {
  const expansions = ABBREVIATIONS.filter(([pattern]) => pattern.test(text)).map(([pattern, long]) => {
    pattern.lastIndex = 0;
    return text.replace(pattern, long);
  });
  return [text, ...expansions].join("｜");
}

const MEASURE_EVIDENCE = /在校|学生|人数|万人|学生数|在校生|[小初高]中生|小学生|规模|多少人/;

/** Unit families that can answer a question's measure word. */
function compatible(classifier: string | null, unit: string | null): boolean {
  if (!classifier || !unit) return true;
  if (classifier === "百分点") return unit === "%";
  if (classifier === "%") return unit === "%";
  if (classifier === "万人" || classifier === "人") return unit === "万人" || unit === "人";
  if (classifier === "年") return unit === "年";
  return false;
}

// Endings (4+ characters) of an indicator name that no other name contains (毛入园率 for 学前三年毛入园率):
// the end of a name is its measure, so such an ending names the indicator; a middle piece (义务教育) does not.
const piecesCache = new WeakMap<readonly Indicator[], ReadonlyMap<string, readonly string[]>>();
function distinctivePieces(indicators: readonly Indicator[]): ReadonlyMap<string, readonly string[]> {
  const cached = piecesCache.get(indicators);
  if (cached) return cached;
  const names = [...new Set(indicators.map((indicator) => indicator.name))];
  const pieces = new Map<string, string[]>();
  for (const name of names) {
    const own: string[] = [];
    for (let start = 0; start + 4 <= name.length; start += 1) {
      const piece = name.slice(start);
      if (names.every((other) => other === name || !other.includes(piece))) own.push(piece);
    }
    // Keep the minimal pieces: a longer piece containing a distinctive one adds nothing.
    pieces.set(name, own.filter((piece) => !own.some((other) => other !== piece && piece.includes(other))));
  }
  piecesCache.set(indicators, pieces);
  return pieces;
}

const MEASURE_AND_FRAME = /^(占比|占|比|比例|比重|率|要求|目标|多少|是多少|指标|数值|情况|预计|计划|达到|规划|年|万人|%)$/;

function onlyCategoryAndMeasure(analysis: QuestionAnalysis, category: string): boolean {
  return analysis.content.every((token) => category.includes(token) || MEASURE_AND_FRAME.test(token) || /^\d/.test(token));
}

/** Scores every indicator against the question; best first. */
export function matchIndicators(analysis: QuestionAnalysis, indicators: readonly Indicator[]): IndicatorMatch[] {
  const text = matchingText(analysis.text);
  const questionBigrams = characterBigrams(text);
  const matches: IndicatorMatch[] = [];
  const asksFigure = analysis.aspects.attribute || analysis.aspects.quantity || analysis.years.length > 0 || /指标|目标/.test(analysis.text);
  const evidence = `${text}｜${analysis.contextText ?? ""}`;
  const evidenceBigrams = characterBigrams(evidence);
  const measured = MEASURE_EVIDENCE.test(evidence);
  for (const indicator of indicators) {
    if (!compatible(analysis.classifier, indicator.unit)) continue;
    // Coverage of the best-matching name variant; among full matches a longer name is more specific evidence.
    let score = 0;
    for (const variant of nameVariants(indicator)) {
      const covered = coverage(variant, questionBigrams);
      score = Math.max(score, covered + (covered >= 0.999 ? Math.min(variant.length, 12) / 1000 : 0));
    }
    // A sub-row ("普通初中") is a head count: the question must be about pupils, not the schools.
    const withoutPupils = indicator.parent !== null && !measured && coverage(indicator.parent, evidenceBigrams) < 0.5;
    if (withoutPupils) score *= 0.5;
    // The category counts when the question names it (义务, 高中阶段), not for a shared "教育".
    const categoryKey = indicator.category.replace(/(教育|开发)$/, "") || indicator.category;
    const categoryCoverage = coverage(categoryKey, questionBigrams);
    const categoryScore = categoryCoverage >= 0.5 ? categoryCoverage : 0;
    // A distinctive piece of one name (毛入园率, 普惠性幼儿园) names that indicator when a figure is asked,
    // but not a head count when the question is about the schools ("普通初中学校有多少").
    const aboutSchools = withoutPupils && /学校/.test(text);
    if (asksFigure && score < 0.8 && !aboutSchools && distinctivePieces(indicators).get(indicator.name)?.some((piece) => text.includes(piece))) score = 0.8;
    // "教育投入占比": a category named in full with a measure only one of its indicators has, and
    // nothing else of substance in the question (民办学校…义务教育阶段学生占比 is another topic).
    if (asksFigure && score < 0.8 && analysis.classifier && text.includes(indicator.category) && onlyCategoryAndMeasure(analysis, indicator.category)) {
      const sameMeasure = indicators.filter((other) => other.doc === indicator.doc && other.category === indicator.category && compatible(analysis.classifier, other.unit));
      if (sameMeasure.length === 1 && sameMeasure[0] === indicator) score = 0.8;
    }
    if (score > 0) matches.push({ indicator, score, categoryScore });
  }
  return matches.sort((left, right) => right.score + 0.3 * right.categoryScore - (left.score + 0.3 * left.categoryScore));
}

/**
 * Finds the indicator a question is about. Two rows with the same name (在校学生数 under 义务教育
 * and 高中阶段教育) are told apart by the category the question names, else reported as ambiguous.
 */
export function lookupIndicator(analysis: QuestionAnalysis, indicators: readonly Indicator[], threshold = 0.8): IndicatorLookup {
  const matches = matchIndicators(analysis, indicators);
  let strong = matches.filter((match) => match.score >= threshold);
  // A shortened name ("普惠性幼儿园占比") still counts when the question asks for a figure or an
  // attribute and one indicator is clearly ahead of every differently named one.
  const asksFigure = analysis.aspects.attribute || analysis.aspects.quantity || analysis.years.length > 0 || /指标/.test(analysis.text);
  const [top] = matches;
  if (strong.length === 0 && top && asksFigure && top.score >= 0.55) {
    const runnerUp = matches.find((match) => match.indicator.name !== top.indicator.name);
    if (!runnerUp || top.score - runnerUp.score >= 0.2) strong = matches.filter((match) => match.indicator.name === top.indicator.name);
  }
  if (strong.length === 0) return { kind: "not-found", candidates: matches.slice(0, 3).map((match) => match.indicator) };
  const bestScore = Math.max(...strong.map((match) => match.score));
  // Same name (two 在校学生数 rows) ties exactly; different names are ranked by specificity.
  const best = strong.filter((match) => match.score >= bestScore - 1e-9 || (match.indicator.name === strong[0]!.indicator.name && match.score >= bestScore - 0.011));
  if (best.length > 1) {
    const bestCategory = Math.max(...best.map((match) => match.categoryScore));
    const inCategory = best.filter((match) => match.categoryScore >= bestCategory - 1e-9);
    if (inCategory.length === 1 && bestCategory >= 0.5) return { kind: "found", indicator: inCategory[0]!.indicator, alternatives: [] };
    // Same name in several categories, or equally good names: prefer a top-level row over sub-rows.
    const names = new Set(best.map((match) => match.indicator.name));
    if (names.size === 1 || bestCategory < 0.5) return { kind: "ambiguous", candidates: best.map((match) => match.indicator) };
    return { kind: "found", indicator: inCategory[0]!.indicator, alternatives: inCategory.slice(1).map((match) => match.indicator) };
  }
  return { kind: "found", indicator: best[0]!.indicator, alternatives: strong.slice(1, 3).map((match) => match.indicator) };
}

/** A value as officials read it: "≥94.0%", "2.4万人", ">20%". */
export function formatValue(value: IndicatorValue, unit: string | null): string {
  if (!unit) return value.raw;
  return `${value.raw}${unit}`;
}

const OPERATOR_WORDS: Record<string, string> = { "≥": "不低于", ">": "高于", "≤": "不高于", "<": "低于", "=": "" };

/** "≥94.0%" → "不低于94.0%" for prose. */
export function valueInWords(value: IndicatorValue, unit: string | null): string {
  const bare = value.raw.replace(/^(≥|>|≤|<|＞|＜)/, "");
  return `${OPERATOR_WORDS[value.operator] ?? ""}${bare}${unit ?? ""}`;
}
