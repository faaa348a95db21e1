import type { Plan } from "../parse/plan-types.js";
import type { QuestionAnalysis } from "./analyze-question.js";
import type { AnswerDraft as Draft } from "./answer-schema.js";

/** Which plans a question is about, and how they were chosen. */
export interface DocumentScope {
  readonly docs: ReadonlySet<string>;
  /** The question named a district, a plan or a period: no "which plan" note is needed. */
  readonly named: boolean;
  /** Plans of one place for different periods that the question compares (十五五 vs 十四五), oldest first. */
  readonly comparison: readonly Plan[] | null;
  /** The plan chosen for the current period when the question names none and one place has several. */
  readonly defaulted: Plan | null;
}

/** Five-year periods by name, for questions ("十五五的目标") and plans alike. */
const PERIOD_NAMES: readonly [string, number, number][] = [
  ["十三五", 2016, 2020],
  ["十四五", 2021, 2025],
  ["十五五", 2026, 2030],
  ["十六五", 2031, 2035],
];

/** The periods a question names: by name (十五五) or by a year inside a plan's period (2030年). */
function periodsAsked(analysis: QuestionAnalysis, plans: readonly Plan[]): Plan[] {
  const byName = PERIOD_NAMES.filter(([name]) => analysis.text.includes(name)).flatMap(([, from, to]) => plans.filter((plan) => plan.metadata.period?.from === from && plan.metadata.period?.to === to));
  if (byName.length > 0) return [...new Set(byName)];
  // A year names the plan whose period holds it as a target year (2030 → 2026—2030; 2025 → 2021—2025).
  return plans.filter((plan) => plan.metadata.period && analysis.years.some((year) => year > plan.metadata.period!.from - 1 && year <= plan.metadata.period!.to));
}

/**
 * Documents a question is about: the plan whose district or title it names, else all; among plans
 * of one place for different periods, the period the question names (十五五, 2030年), both when it
 * compares them, else the current period's plan (the one holding `currentYear`, or the latest).
 */
export function scopeDocuments(analysis: QuestionAnalysis, plans: readonly Plan[], currentYear = new Date().getFullYear()): DocumentScope {
  const named = plans.filter((plan) => {
    const district = plan.metadata.district;
    return (district && (analysis.text.includes(district) || analysis.text.includes(district.replace(/[区县]$/, "")))) || analysis.text.includes(plan.doc.toLowerCase());
  });
  // A district named by several plans (two plans of one district) keeps all of them.
  let candidates = named.length > 0 && named.length < plans.length ? named : plans;
  const place = (plan: Plan) => plan.metadata.district ?? plan.metadata.place ?? plan.doc;
  const periods = new Set(candidates.map((plan) => `${place(plan)}|${plan.metadata.period?.from ?? ""}`));
  const places = new Set(candidates.map(place));
  // Several periods of one place: choose by period.
  if (places.size === 1 && periods.size > 1) {
    const asked = periodsAsked(analysis, candidates).sort((left, right) => (left.metadata.period?.from ?? 0) - (right.metadata.period?.from ?? 0));
    if (asked.length >= 2) return { docs: new Set(asked.map((plan) => plan.doc)), named: true, comparison: asked, defaulted: null };
    if (asked.length === 1) return { docs: new Set([asked[0]!.doc]), named: true, comparison: null, defaulted: null };
    const byStart = [...candidates].sort((left, right) => (right.metadata.period?.from ?? 0) - (left.metadata.period?.from ?? 0));
    const current = byStart.find((plan) => plan.metadata.period && plan.metadata.period.from <= currentYear && currentYear <= plan.metadata.period.to) ?? byStart[0]!;
    candidates = [current];
    return { docs: new Set([current.doc]), named: true, comparison: null, defaulted: current };
  }
  if (candidates !== plans) return { docs: new Set(candidates.map((plan) => plan.doc)), named: true, comparison: null, defaulted: null };
  return { docs: new Set(plans.map((plan) => plan.doc)), named: named.length > 0, comparison: null, defaulted: null };
}

/** A figure question that fits several loaded plans: each plan's answer (up to three), else a question back. */
export function whichPlan(entries: readonly { plan: Plan; draft: Draft }[]): Draft {
  const name = (plan: Plan) => plan.metadata.district ?? plan.metadata.title;
  if (entries.length <= 3) {
    return {
      intent: "indicator",
      found: true,
      answer: `已在${entries.length}份规划中找到：${entries.map(({ plan, draft }) => `【${name(plan)}】${draft.answer.replace(/注意：.*$/, "")}`).join("")}`.slice(0, 600),
      citations: entries.flatMap(({ draft }) => draft.citations.slice(0, 1)),
    };
  }
  const names = entries.map(({ plan }) => name(plan));
  return {
    intent: "indicator",
    found: false,
    answer: `已载入${entries.length}份规划，各规划的这项数字不同。请在问题中写明区县（例如以“${names[0]}”开头再问一次）。已载入：${names.slice(0, 12).join("、")}${names.length > 12 ? "等" : ""}。`,
    citations: [],
  };
}
