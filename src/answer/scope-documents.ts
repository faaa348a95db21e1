import type { Plan } from "../parse/plan-types.js";
import type { QuestionAnalysis } from "./analyze-question.js";
import type { AnswerDraft as Draft } from "./answer-schema.js";

/** Documents a question is about: the plan whose district or title it names, else all. */
export function scopeDocuments(analysis: QuestionAnalysis, plans: readonly Plan[]): { docs: ReadonlySet<string>; named: boolean } {
  const named = plans.filter((plan) => {
    const district = plan.metadata.district;
    return (district && (analysis.text.includes(district) || analysis.text.includes(district.replace(/[区县]$/, "")))) || analysis.text.includes(plan.doc.toLowerCase());
  });
  // A district named by several plans (two plans of one district) keeps all of them.
  if (named.length > 0 && named.length < plans.length) return { docs: new Set(named.map((plan) => plan.doc)), named: true };
  return { docs: new Set(plans.map((plan) => plan.doc)), named: named.length > 0 };
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
