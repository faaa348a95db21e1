import type { Indicator, IndicatorTable, IndicatorValue } from "../parse/plan-types.js";
import type { AnswerDraft, Citation } from "./answer-schema.js";
import type { QuestionAnalysis } from "./analyze-question.js";
import { citationOf } from "./citation.js";
import type { Knowledge } from "./knowledge.js";
import { formatValue, lookupIndicator, valueInWords } from "./lookup-indicator.js";

type Draft = AnswerDraft;

function fullName(indicator: Indicator): string {
  return indicator.parent ? `${indicator.category}${indicator.parent}（其中${indicator.name}）` : `${indicator.category === indicator.name ? "" : `${indicator.category}·`}${indicator.name}`;
}

function rowCitation(indicator: Indicator): Citation {
  return citationOf(indicator.location, indicator.quote);
}

function unitWord(unit: string | null): string {
  return unit === "%" ? "个百分点" : unit ?? "";
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** Change between two years in words: "提高2个百分点（92%→不低于94.0%）". */
function describeChange(indicator: Indicator, from: IndicatorValue, to: IndicatorValue): string {
  if (from.value === null || to.value === null) return "";
  const difference = to.value - from.value;
  const direction = difference > 0 ? "提高" : difference < 0 ? "下降" : "持平";
  const bound = to.operator === "≥" || to.operator === ">" ? "至少" : to.operator === "≤" || to.operator === "<" ? "至多" : "";
  const amount = difference === 0 ? "" : `${direction === "提高" ? bound : ""}${direction}${round(Math.abs(difference))}${unitWord(indicator.unit)}`;
  return `从${from.year}年的${formatValue(from, indicator.unit)}到${to.year}年的${formatValue(to, indicator.unit)}，${amount || "保持不变"}`;
}

function notesFor(knowledge: Knowledge, indicators: readonly Indicator[]): string[] {
  return knowledge.findings
    .filter((finding) => indicators.some((indicator) => indicator.doc === finding.doc && finding.subject === indicator.name))
    .map((finding) => finding.message);
}

function attributeSentence(indicator: Indicator, analysis: QuestionAnalysis): string {
  if (!indicator.attribute) return "";
  const asked = /约束性/.test(analysis.text) ? "约束性" : /预期性/.test(analysis.text) ? "预期性" : null;
  if (analysis.aspects.attribute && asked) {
    return asked === indicator.attribute ? `是${indicator.attribute}指标。` : `不是${asked}指标，是${indicator.attribute}指标。`;
  }
  return `属${indicator.attribute}指标。`;
}

/** The answer for one indicator: the years asked, a change when asked, its attribute. */
function answerOne(indicator: Indicator, table: IndicatorTable | undefined, analysis: QuestionAnalysis, knowledge: Knowledge): Draft {
  const years = table?.years ?? indicator.values.map((value) => value.year);
  const asked = analysis.years.map(String);
  const missing = asked.filter((year) => !years.includes(year));
  const name = fullName(indicator);
  const allValues = indicator.values.map((value) => `${value.year}年${formatValue(value, indicator.unit)}`).join("，");
  if (missing.length > 0) {
    return {
      intent: "indicator",
      found: false,
      answer: `规划没有设定${missing.join("、")}年的${name}数值（不做推算）。指标体系表只给出${years.join("、")}年：${allValues}。`,
      citations: [rowCitation(indicator)],
    };
  }
  const first = indicator.values[0];
  const last = indicator.values[indicator.values.length - 1];
  const selected = indicator.values.filter((value) => asked.includes(value.year));
  let body: string;
  if (analysis.aspects.change && first && last) {
    const from = selected.length >= 2 ? selected[0]! : first;
    const to = selected.length >= 2 ? selected[selected.length - 1]! : last;
    body = `${name}${describeChange(indicator, from, to)}（${allValues}）。`;
  } else if (selected.length === 1) {
    const value = selected[0]!;
    const isTarget = value.year !== first?.year;
    body = `${value.year}年${name}${isTarget ? "目标为" : "为"}${formatValue(value, indicator.unit)}${value.operator !== "=" ? `（即${valueInWords(value, indicator.unit)}）` : ""}。`;
  } else if (analysis.aspects.attribute && !analysis.aspects.quantity) {
    body = `${name}：${allValues}。`;
  } else if (analysis.aspects.target && !analysis.aspects.baseline && last) {
    body = `${name}到${last.year}年的目标为${formatValue(last, indicator.unit)}（${allValues}）。`;
  } else {
    body = `${name}：${allValues}。`;
  }
  const attribute = attributeSentence(indicator, analysis);
  const answer = analysis.aspects.attribute ? `${name}${attribute}${body}` : `${body}${attribute ? `该指标${attribute}` : ""}`;
  const notes = notesFor(knowledge, [indicator]);
  // The other statement of a contradicted figure is cited too, so it can be checked at the source.
  const otherStatements = knowledge.findings.filter((finding) => finding.doc === indicator.doc && finding.subject === indicator.name).flatMap((finding) => finding.citations.filter((citation) => !citation.table));
  return { intent: "indicator", found: true, answer: appendNote(answer, notes), citations: [rowCitation(indicator), ...otherStatements], ...(notes.length ? { notes } : {}) };
}

/** Adds the first cross-check finding to a short answer, within the figure-answer length bound. */
function appendNote(answer: string, notes: readonly string[]): string {
  const note = notes[0];
  if (!note) return answer;
  const withNote = `${answer}注意：${note}`;
  return withNote.length <= 290 ? withNote : answer;
}

/** Lists indicators by attribute or category: 哪些指标是约束性的, 学前教育有哪几项指标. */
function answerList(analysis: QuestionAnalysis, knowledge: Knowledge, docs: ReadonlySet<string>): Draft | null {
  const indicators = knowledge.indicators.filter((indicator) => docs.has(indicator.doc));
  if (indicators.length === 0) return null;
  const attribute = /约束性/.test(analysis.text) ? "约束性" : /预期性/.test(analysis.text) ? "预期性" : null;
  // A category is named in full or without its generic tail (高中阶段 for 高中阶段教育, 人力资源 for 人力资源开发).
  const categoryNamed = (category: string) => [category, category.replace(/(教育|开发)$/, "")].some((key) => key.length >= 2 && key !== "教育" && analysis.text.includes(key));
  const categories = [...new Set(indicators.map((indicator) => indicator.category))].filter(categoryNamed);
  // Only a question about indicators as such ("有哪几项指标", "哪些指标是约束性的") gets a list.
  // "学前教育的目标" asks for a category's targets: its indicators.
  const asksIndicators = /指标|几项|多少项/.test(analysis.text) || (categories.length > 0 && /目标(是什么|有哪些|是多少)?[？?]?$/.test(analysis.text) && analysis.content.filter((token) => !categories.some((category) => category.includes(token)) && token !== "目标").length === 0);
  const asksList = asksIndicators && (analysis.aspects.list || /有什么|什么指标|指标是什么|指标有|几项|多少项|多少个指标|几个指标|所有指标|全部指标|指标体系|指标表|一共|总共|共有|目标/.test(analysis.text));
  if (!asksList || (!attribute && categories.length === 0 && !/指标体系|指标表|所有指标|全部指标|哪些指标|几项指标|多少项|几个指标|多少个指标|一共|总共|共有/.test(analysis.text))) return null;
  const selected = indicators.filter((indicator) => (!attribute || indicator.attribute === attribute) && (categories.length === 0 || categories.includes(indicator.category)));
  if (selected.length === 0) return null;
  const describe = (indicator: Indicator) => {
    const last = indicator.values[indicator.values.length - 1];
    return `${indicator.parent ? `${indicator.parent}·` : ""}${indicator.name}${last ? `（${last.year}年${formatValue(last, indicator.unit)}${attribute ? "" : `，${indicator.attribute ?? ""}`}）` : ""}`;
  };
  const scope = [categories.join("、"), attribute ? `${attribute}` : ""].filter(Boolean).join("的");
  const answer = `指标体系表中${scope ? `${scope}` : ""}指标共${selected.length}项：${selected.map(describe).join("；")}。`;
  const text = answer.length <= 300 ? answer : `指标体系表中${scope}指标共${selected.length}项：${selected.map((indicator) => indicator.name).join("、")}。`;
  return { intent: "indicator", found: true, answer: text, citations: selected.slice(0, 8).map(rowCitation) };
}

/**
 * Answers a figure question from the indicator table, or returns null when the question is not
 * about an indicator. Never interpolates: a year the table does not give is answered as such.
 */
export function answerIndicator(analysis: QuestionAnalysis, knowledge: Knowledge, docs: ReadonlySet<string>): Draft | null {
  const indicators = knowledge.indicators.filter((indicator) => docs.has(indicator.doc));
  const list = answerList(analysis, knowledge, docs);
  const lookup = lookupIndicator(analysis, indicators);
  // A question about one indicator ("它是约束性指标吗") is answered for it; a list only when one is asked for.
  if (list && (lookup.kind !== "found" || analysis.aspects.list || /几项|多少项|哪些指标|什么指标|指标有哪些|指标是什么|所有指标|全部指标/.test(analysis.text))) return list;
  // An indicator answers a question that asks for a figure, an attribute or a change, or names it in
  // full; "小学生减负怎么落实" mentions pupils but asks how, not how many.
  const asksFigure = analysis.aspects.quantity || analysis.aspects.attribute || analysis.aspects.change || analysis.years.length > 0 || /指标|目标|数值|规模|多少/.test(analysis.text);
  if (!asksFigure && !(lookup.kind === "found" && analysis.text.includes(lookup.indicator.name) && lookup.indicator.name.length >= 5)) return list;
  const tableOf = (indicator: Indicator) => knowledge.plans.find((plan) => plan.doc === indicator.doc)?.tables.find((table) => table.rows.includes(indicator));
  if (lookup.kind === "found") return answerOne(lookup.indicator, tableOf(lookup.indicator), analysis, knowledge);
  if (lookup.kind === "ambiguous") {
    const parts = lookup.candidates.map((indicator) => {
      const draft = answerOne(indicator, tableOf(indicator), analysis, knowledge);
      return draft.answer.replace(/注意：.*$/, "");
    });
    return {
      intent: "indicator",
      found: true,
      answer: `指标体系表中有${lookup.candidates.length}项“${lookup.candidates[0]!.name}”，分属${lookup.candidates.map((indicator) => indicator.category).join("和")}：${parts.join("")}`.slice(0, 300),
      citations: lookup.candidates.map(rowCitation),
    };
  }
  return null;
}
