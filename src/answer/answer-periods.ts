import type { Indicator, Plan } from "../parse/plan-types.js";
import { fivePeriodName } from "../text/five-year-periods.js";
import { analyzeQuestion, type QuestionAnalysis } from "./analyze-question.js";
import { answerFact } from "./answer-fact.js";
import type { AnswerDraft, Citation } from "./answer-schema.js";
import { citationOf } from "./citation.js";
import type { Engine } from "./engine.js";
import { formatValue, lookupIndicator } from "./lookup-indicator.js";

/** "“十五五”" for 2026—2030, else "2026—2030年". */
export function periodName(plan: Plan): string {
  const period = plan.metadata.period;
  if (!period) return plan.metadata.title;
  const name = fivePeriodName(period.from);
  return name && period.to - period.from === 4 ? `“${name}”` : `${period.from}—${period.to}年`;
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/**
 * A question comparing the plans of two periods (十五五的目标比十四五提高了多少): each plan's own
 * figure with its citation, and the change between the two targets, computed from the stated
 * values and said to be computed. Null when neither an indicator nor a stated figure fits.
 */
export function answerAcrossPeriods(engine: Engine, asked: QuestionAnalysis, plans: readonly Plan[]): AnswerDraft | null {
  // The period names chose the plans; left in, they would be read as topic words in each plan.
  const analysis = analyzeQuestion(asked.text.replace(/[“”"]?十[三四五六]五[“”"]?(规划|期间|时期|末)?/g, ""), engine.segmenter);
  const found = plans
    .map((plan) => ({ plan, lookup: lookupIndicator(analysis, engine.knowledge.indicators.filter((indicator) => indicator.doc === plan.doc)) }))
    .filter((entry): entry is { plan: Plan; lookup: { kind: "found"; indicator: Indicator; alternatives: readonly Indicator[] } } => entry.lookup.kind === "found");
  if (found.length >= 2) {
    const parts: string[] = [];
    const citations: Citation[] = [];
    for (const { plan, lookup } of found) {
      const target = lookup.indicator.values[lookup.indicator.values.length - 1]!;
      parts.push(`${periodName(plan)}规划${target.year}年目标为${formatValue(target, lookup.indicator.unit)}`);
      citations.push(citationOf(lookup.indicator.location, lookup.indicator.quote));
    }
    const [older, newer] = [found[0]!, found[found.length - 1]!];
    const from = older.lookup.indicator.values.at(-1)!;
    const to = newer.lookup.indicator.values.at(-1)!;
    let change = "";
    if (from.value !== null && to.value !== null) {
      const difference = to.value - from.value;
      const unit = newer.lookup.indicator.unit === "%" ? "个百分点" : newer.lookup.indicator.unit ?? "";
      change = difference === 0 ? "，两期目标相同" : `，${periodName(newer.plan)}目标比${periodName(older.plan)}目标${difference > 0 ? "提高" : "降低"}${round(Math.abs(difference))}${unit}（按两份规划所列目标值计算）`;
    }
    return { intent: "indicator", found: true, answer: `${newer.lookup.indicator.name}：${parts.join("，")}${change}。`, citations };
  }
  const facts = plans.map((plan) => ({ plan, draft: answerFact(engine, analysis, new Set([plan.doc])) })).filter((entry) => entry.draft);
  if (facts.length >= 2) {
    return {
      intent: "fact",
      found: true,
      answer: facts.map(({ plan, draft }) => `【${periodName(plan)}规划】${draft!.answer}`).join("").slice(0, 600),
      citations: facts.flatMap(({ draft }) => draft!.citations.slice(0, 1)),
    };
  }
  return null;
}
