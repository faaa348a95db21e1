import type { Plan } from "../parse/plan-types.js";
import type { QuestionAnalysis } from "./analyze-question.js";

/**
 * The question without the names of the loaded plans' districts ("万州区2025年…" → "2025年…"). Once
 * the district has chosen the plan, its name says nothing about the topic, and as extra words it
 * would dilute every lookup. A short form is dropped as a token only when it is not part of a
 * longer word of the question (梁平 in 梁平中学 stays).
 */
export function stripPlaceNames(analysis: QuestionAnalysis, plans: readonly Plan[]): QuestionAnalysis {
  const names = new Set<string>();
  for (const plan of plans) {
    const district = plan.metadata.district;
    if (!district) continue;
    names.add(district.toLowerCase());
    const short = district.replace(/[区县旗]$/, "");
    if (short.length >= 2) names.add(short.toLowerCase());
  }
  if (names.size === 0) return analysis;
  const full = [...names].filter((name) => /[区县旗]$/.test(name)).sort((left, right) => right.length - left.length);
  const mentioned = [...names].some((name) => analysis.text.includes(name));
  if (!mentioned) return analysis;
  let text = analysis.text;
  for (const name of full) text = text.split(`${name}的`).join("").split(name).join("");
  const isPartOfLongerToken = (token: string) => analysis.tokens.some((other) => other !== token && other.length > token.length && other.includes(token) && !names.has(other));
  const keep = (token: string) => !(names.has(token) && !isPartOfLongerToken(token));
  return { ...analysis, text, tokens: analysis.tokens.filter(keep), content: analysis.content.filter(keep) };
}
