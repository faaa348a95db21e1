import type { Citation } from "../answer/answer-schema.js";
import { citationOf, locationLabel } from "../answer/citation.js";
import type { CrossCheckFinding } from "../app/assistant.js";
import type { Indicator, IndicatorValue, Plan } from "../parse/plan-types.js";
import { bigramCoverage, characterBigrams } from "../parse/link-boxes.js";
import type { Fact } from "./extract-facts.js";

const UNIT_FAMILY: Record<string, string> = { "%": "%", 万人: "万人", 年: "年" };

/** Name variants an indicator is stated under in prose ("普通小学" is said as "在校小学生"). */
function indicatorKeys(indicator: Indicator): string[] {
  const keys = [indicator.name, indicator.name.replace(/(占比|的比例|比例|数)$/, "")];
  // Sub-rows of a head count are said as "在校小学生" / "在校初中生".
  if (indicator.parent) keys.push(`在校${indicator.name.replace(/^普通/, "")}生`);
  return [...new Set(keys)];
}

function coverage(key: string, text: string): number {
  if (characterBigrams(key).size === 0) return text.includes(key) ? 1 : 0;
  return bigramCoverage(key, characterBigrams(text));
}

/** How well a fact's wording names an indicator: its own clause first, the sentence topic second. */
function matchScore(indicator: Indicator, fact: Fact): number {
  const own = Math.max(...indicatorKeys(indicator).map((key) => coverage(key, fact.subject)));
  const topic = fact.sentence.slice(0, Math.max(0, fact.sentence.indexOf(fact.clause)));
  const sentenceTopic = Math.max(...indicatorKeys(indicator).map((key) => coverage(key, topic.split(/[，。；]/)[0] ?? "")));
  // Sub-rows count people: the clause must say so (在校生, 学生).
  if (indicator.parent && !/在校|学生|生$|在园/.test(fact.subject)) return 0;
  // "在校中小学生和在园幼儿11.82万人" is a sum of two groups, not the figure of either.
  if (/[和及与]/.test(fact.subject.replace(/、.*$/, "").replace(/^.*、/, "")) && !/[和及与]/.test(indicator.name)) return 0;
  return Math.max(own, 0.9 * sentenceTopic * (/^(在校生|在校学生)/.test(fact.subject) ? 1 : 0));
}

function describeValue(indicator: Indicator, value: IndicatorValue): string {
  return `${value.year}年${value.raw}${indicator.unit && indicator.unit !== "%" ? indicator.unit : indicator.unit === "%" ? "%" : ""}`;
}

/**
 * Finds figures the plan states twice, differently: a prose or box figure naming an indicator
 * whose value disagrees with the indicator table for the matching year (baseline chapters ↔ the
 * first year, targets ↔ the last year).
 */
export function crossCheck(plan: Plan, facts: readonly Fact[]): CrossCheckFinding[] {
  const findings: CrossCheckFinding[] = [];
  const indicators = plan.tables.flatMap((table) => table.rows);
  for (const fact of facts) {
    if (fact.attributive || fact.doc !== plan.doc) continue;
    const candidates = indicators
      .filter((indicator) => indicator.unit && UNIT_FAMILY[indicator.unit] === (fact.unit === "%" ? "%" : fact.unit))
      .map((indicator) => ({ indicator, score: matchScore(indicator, fact) }))
      .filter((candidate) => candidate.score >= 0.85)
      // Ties go to a sub-row, then to the longer (more specific) name: 普通高中在校学生数 before 在校学生数.
      .sort((left, right) => right.score - left.score || Number(Boolean(right.indicator.parent)) - Number(Boolean(left.indicator.parent)) || right.indicator.name.length - left.indicator.name.length);
    const best = candidates[0];
    if (!best) continue;
    const { indicator } = best;
    if (fact.period === "context") continue;
    const years = indicator.values;
    const compared = fact.year && years.some((value) => value.year === String(fact.year))
      ? years.find((value) => value.year === String(fact.year))
      : fact.period === "past" ? years[0] : years[years.length - 1];
    if (!compared || compared.value === null) continue;
    // The same figure with the same or a compatible operator (99.5% vs ≥99.5) agrees; anything else is reported.
    const sameNumber = Math.abs(fact.value - compared.value) < 1e-9;
    const operators = new Set([fact.qualifier === "~" ? "=" : fact.qualifier, compared.operator]);
    // "不低于20%" and ">20%" (or "20%以上") say the same floor: only a floor against a ceiling disagrees.
    const lower = (operator: string) => operator === "=" || operator === "≥" || operator === ">";
    const consistent = sameNumber && (operators.size === 1 || [...operators].every(lower));
    if (consistent) continue;
    // A box giving the table's value for another year (专栏2's 95.7% = the 2022 value) states that milestone: no conflict.
    if (years.some((value) => value !== compared && value.value !== null && Math.abs(value.value - fact.value) < 1e-9 && String(fact.year ?? "") !== compared.year)) continue;
    const sameAsOther = indicators.find((other) => other !== indicator && other.unit === indicator.unit && other.values.some((value) => value.value === fact.value && value.operator === "="));
    const otherNote = sameAsOther ? `；${fact.valueText}与指标表中“${sameAsOther.category}·${sameAsOther.name}”的数值相同` : "";
    // The figure's clause with the clause before it (which names the topic: "普通高中稳步发展，在校生2.21万人").
    const upToFigure = fact.sentence.slice(0, fact.sentence.indexOf(fact.clause) + fact.clause.length);
    const clauses = upToFigure.split(/(?<=[，；])/);
    const statement = upToFigure.length <= 45 ? upToFigure : clauses.slice(-2).join("").replace(/^\d+\./, "");
    const message = `${locationLabel(fact.location)}写“${statement}”，而指标体系表中“${indicator.category}·${indicator.parent ? `${indicator.parent}·` : ""}${indicator.name}”${describeValue(indicator, compared)}${otherNote}。`;
    const citations: Citation[] = [citationOf(fact.location, fact.sentence), citationOf(indicator.location, indicator.quote)];
    findings.push({ doc: plan.doc, subject: indicator.name, message, citations });
  }
  return [...findings, ...crossCheckBuildingCounts(plan)];
}

/** Kinds of building work whose counts a plan states in prose and lists by name in a 专栏. */
/**
 * Counts of schools to build stated in prose ("改扩建小学5所、初中4所") against the schools a 专栏 of the
 * same chapter lists for the same kind of work ("改扩建力帆小学、紫竹小学、合兴小学、梁山初中、双桂初中"):
 * a type the box names at least once but a different number of times is a disagreement. Types the box
 * never names (高完中 against 都梁中学) are not compared.
 */
function crossCheckBuildingCounts(plan: Plan): CrossCheckFinding[] {
  const findings: CrossCheckFinding[] = [];
  for (const paragraph of plan.paragraphs) {
    if (paragraph.location.box) continue;
    for (const sentence of paragraph.text.split(/(?<=[。；;])/)) {
      for (const action of ["改扩建", "新建", "续建", "迁建"]) {
        const stated = statedCounts(sentence, action);
        if (stated.length === 0) continue;
        for (const box of plan.boxes) {
          if (box.chapter && box.chapter !== paragraph.location.chapter) continue;
          for (const boxParagraph of box.paragraphs) {
            const names = listedNames(boxParagraph.text, action);
            if (names.length === 0) continue;
            const differing = stated
              .map(({ type, count, text }) => ({ type, count, text, named: names.filter((name) => name.endsWith(type)) }))
              .filter((entry) => entry.named.length > 0 && entry.named.length !== entry.count);
            if (differing.length === 0) continue;
            const statedText = differing.map((entry) => entry.text).join("、");
            const listedText = differing.map((entry) => `${entry.type}${entry.named.length}所（${entry.named.join("、")}）`).join("、");
            const boxSentence = boxParagraph.text.split(/(?<=[。；;])/).find((part) => part.includes(action)) ?? boxParagraph.text;
            findings.push({
              doc: plan.doc,
              subject: `${action}${differing.map((entry) => entry.type).join("、")}`,
              message: `${locationLabel(paragraph.location)}写“${action}${statedText}”，而${box.label}列出的${action}学校是${listedText}。`,
              citations: [citationOf(paragraph.location, sentence.trim()), citationOf(box.location, boxSentence.trim())],
            });
          }
        }
      }
    }
  }
  return findings;
}

/** "改扩建小学5所、初中4所和职教中心1所" → 小学 5, 初中 4, 职教中心 1 (the items right after the action). */
function statedCounts(sentence: string, action: string): { type: string; count: number; text: string }[] {
  const start = sentence.indexOf(action);
  if (start < 0) return [];
  const after = sentence.slice(start + action.length);
  const run = /^(?:[\u4e00-\u9fa5]{2,6}?\d+所[、和及]?)+/.exec(after)?.[0] ?? "";
  return [...run.matchAll(/([\u4e00-\u9fa5]{2,6}?)(\d+)所/g)].map((match) => ({ type: match[1]!, count: Number(match[2]), text: `${match[1]}${match[2]}所` }));
}

/** "改扩建力帆小学、紫竹小学…和职教中心" → the names listed after the action, up to the next action or clause end. */
function listedNames(text: string, action: string): string[] {
  const start = text.indexOf(action);
  if (start < 0) return [];
  const after = text.slice(start + action.length);
  const end = after.search(/[，,。；;]|改扩建|新建|续建|迁建/);
  const list = end < 0 ? after : after.slice(0, end);
  if (/\d/.test(list)) return [];
  return list.split(/[、和及]/).map((name) => name.trim()).filter((name) => name.length >= 2);
}
