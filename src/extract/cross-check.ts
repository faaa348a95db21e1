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
  return findings;
}
