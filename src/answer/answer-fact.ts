import type { AnswerDraft as Draft, Citation } from "./answer-schema.js";
import type { QuestionAnalysis } from "./analyze-question.js";
import { citationOf, locationLabel } from "./citation.js";
import type { Engine } from "./engine.js";
import { askedYears, lookupFact } from "./lookup-fact.js";
import { periodNames } from "../text/five-year-periods.js";

/** A figure stated in prose or a 专栏, with the item asked for first and the period made plain. */
export function answerFact(engine: Engine, analysis: QuestionAnalysis, docs: ReadonlySet<string>, minimumRecall = 0): Draft | null {
  const matches = lookupFact(analysis, engine.knowledge.facts, engine.segmenter, docs);
  const best = matches[0];
  if (!best || best.recall < minimumRecall) return null;
  const { fact } = best;
  const label = locationLabel(fact.location);
  const sentence = fact.sentence.length <= 150 ? fact.sentence : `${fact.clause}。`;
  // A sentence listing many figures leads with the one asked for ("特殊教育学校1所"), then quotes the sentence.
  // Items of the same sentence that fit as well ("高级中学2所、高完中5所" for 高中) are given together.
  const items = [...new Set(matches.filter((match) => match.fact.sentence === fact.sentence && match.recall >= best.recall - 1e-9 && match.fact.unit === fact.unit).map((match) => match.fact.item))];
  const lead = fact.item.length >= 3 && fact.item.length < sentence.length - 10 ? `${items.join("、")}。原文：` : "";
  // The period asked for and the period of the figure found can differ: say so, never pass one off as the other.
  // The plan's own period and the one before it, by name (a 2016—2020 plan's own period is 十三五).
  const { own, before } = periodNames(engine.knowledge.plans.find((plan) => plan.doc === fact.doc)?.metadata.period?.from);
  const asksTarget = (analysis.text.includes(own) || /到20\d\d|要|将|计划|目标|力争/.test(analysis.text)) && !(analysis.text.includes(before) || /已经|[\u4e00-\u9fa5]了/.test(analysis.text));
  const asksPast = (analysis.text.includes(before) || /已经|过去|此前/.test(analysis.text)) && !(analysis.text.includes(own) || /到20\d\d|要|将/.test(analysis.text));
  // A year asked for (2025) that the figure's sentence does not state (到2023年…): another year's figure, said so.
  // Only a year asked as the figure's own (not 比2020年, a comparison base) and a sentence stating one year only.
  const asked = askedYears(analysis);
  const sentenceYears = new Set(fact.sentence.match(/(?:19|20)\d{2}(?=年)/g) ?? []);
  const otherYear = asked.length > 0 && fact.year !== null && sentenceYears.size === 1 && !asked.includes(fact.year) ? `规划没有给出${asked.join("、")}年的这项数字；规划写的是到${fact.year}年：` : "";
  const mismatch = asksTarget && fact.period === "past" ? `规划没有给出“${own}”的这项目标数字；“${before}”期间的情况是：` : asksPast && fact.period === "target" ? `规划没有写“${before}”期间的这项数字；规划目标是：` : otherYear;
  let answer = `${mismatch}${fact.period === "past" ? "据规划" : "规划"}${label}：${lead}${sentence}`;
  const citations: Citation[] = [citationOf(fact.location, fact.sentence)];
  // The same subject stated for the other period (十三五 achieved vs 十四五 target) is worth knowing.
  const other = matches.find((match) => match.fact.period !== fact.period && match.score >= best.score - 0.6 && match.fact.subject === fact.subject);
  if (other && answer.length < 200) {
    answer += `（另：${locationLabel(other.fact.location)}为${other.fact.period === "past" ? "“十三五”已完成" : "规划目标"}：${other.fact.clause}。）`;
    citations.push(citationOf(other.fact.location, other.fact.sentence));
  }
  // A figure the plan states differently elsewhere (专栏2's 60%以上 vs the table's 62.0) is flagged.
  const notes = engine.knowledge.findings.filter((finding) => finding.doc === fact.doc && finding.citations.some((citation) => citation.quote === fact.sentence)).map((finding) => finding.message);
  const withNote = notes[0] && answer.length + notes[0].length < 285 ? `${answer}注意：${notes[0]}` : answer;
  // The figure asked for is not in the plan (only the other period's is): said plainly, as not found.
  return { intent: "fact", found: mismatch === "", answer: withNote.length > 290 ? `${withNote.slice(0, 289)}…` : withNote, citations, ...(notes.length > 0 ? { notes } : {}) };
}
