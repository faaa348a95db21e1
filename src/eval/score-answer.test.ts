import { describe, expect, it } from "vitest";
import type { Answer, Citation } from "../answer/answer-schema.js";
import { citationMatches, evalItemSchema, MAX_LENGTH, scoreAnswer, type EvalItem } from "./score-answer.js";

// A piece of the plan as the seed file has it: the table row and a sentence broken across lines.
const PLAN_TEXT = "九年义务教育巩固率（%） 95.2 95.7 ≥96.1 约束性\n到2025年，城区续建幼儿园2所和一贯制学校1所，新建幼儿园1所、\n小学1所和高完中1所。\n";
const TABLE = "梁平区教育事业发展“十四五”规划指标体系表";

function citation(fields: Partial<Citation>): Citation {
  return { doc: "liangping", part: null, chapter: null, section: null, box: null, table: null, heading: "", quote: "", ...fields };
}
const tableCitation = citation({ part: "第二篇", chapter: "第五章", table: TABLE, quote: "九年义务教育巩固率（%） 95.2 95.7 ≥96.1 约束性" });
const boxCitation = citation({ part: "第三篇", chapter: "第十章", box: "专栏5", quote: "新建幼儿园1所、小学1所和高完中1所。" });

const item = (fields: Partial<EvalItem>): EvalItem => evalItemSchema.parse({ id: "q1", kind: "indicator", question: "2025年九年义务教育巩固率要达到多少？", ...fields });
const answer = (fields: Partial<Pick<Answer, "found" | "answer" | "citations">>) => ({ found: true, answer: "2025年九年义务教育巩固率目标为≥96.1%。", citations: [tableCitation], ...fields });

describe("scoreAnswer: the answer", () => {
  it("needs every must string and must_re pattern", () => {
    expect(scoreAnswer(item({ must: ["≥96.1", "2025"] }), answer({}), PLAN_TEXT).answerOk).toBe(true);
    expect(scoreAnswer(item({ must: ["≥96.1", "约束性"] }), answer({}), PLAN_TEXT).answerOk).toBe(false);
    expect(scoreAnswer(item({ must_re: ["96\\.1%"] }), answer({}), PLAN_TEXT).answerOk).toBe(true);
    expect(scoreAnswer(item({ must_re: ["^规划"] }), answer({}), PLAN_TEXT).answerOk).toBe(false);
  });

  it("bounds the length by kind, by max_len, and at 800 for other kinds", () => {
    expect(MAX_LENGTH).toMatchObject({ indicator: 300, fact: 300, followup: 300, responsibility: 500, project: 500, general: 700, overview: 1200 });
    const length = (size: number) => answer({ answer: "≥96.1".padEnd(size, "。") });
    expect(scoreAnswer(item({ kind: "indicator" }), length(300), PLAN_TEXT).answerOk).toBe(true);
    expect(scoreAnswer(item({ kind: "indicator" }), length(301), PLAN_TEXT).answerOk).toBe(false);
    expect(scoreAnswer(item({ kind: "overview" }), length(1200), PLAN_TEXT).answerOk).toBe(true);
    expect(scoreAnswer(item({ kind: "indicator", max_len: 400 }), length(400), PLAN_TEXT).answerOk).toBe(true);
    expect(scoreAnswer(item({ kind: "smalltalk" }), length(800), PLAN_TEXT).answerOk).toBe(true);
    expect(scoreAnswer(item({ kind: "smalltalk" }), length(801), PLAN_TEXT).answerOk).toBe(false);
  });

  it("needs the expected found flag (true unless the item says false)", () => {
    const notFound = answer({ found: false, answer: "规划里没有相关内容。", citations: [] });
    expect(scoreAnswer(item({ must: ["≥96.1"] }), notFound, PLAN_TEXT)).toMatchObject({ scopeOk: false, answerOk: false, citationRank: null });
    // An out-of-scope item passes on the flag alone: no must strings, no citations, no length check.
    expect(scoreAnswer(item({ kind: "out_of_scope", found: false, must: ["不会出现"] }), notFound, PLAN_TEXT)).toMatchObject({ scopeOk: true, answerOk: true, citationRank: 1 });
    expect(scoreAnswer(item({ kind: "out_of_scope", found: false }), answer({}), PLAN_TEXT)).toMatchObject({ scopeOk: false, answerOk: false, citationRank: null });
  });
});

describe("scoreAnswer: citations", () => {
  it("gives the 1-based rank of the first citation matching any spec, for MRR", () => {
    const both = answer({ citations: [boxCitation, tableCitation] });
    expect(scoreAnswer(item({ cite: [{ table: "指标体系表" }] }), both, PLAN_TEXT).citationRank).toBe(2);
    expect(scoreAnswer(item({ cite: [{ box: "专栏5" }] }), both, PLAN_TEXT).citationRank).toBe(1);
    expect(scoreAnswer(item({ cite: [{ chapter: "第七章" }, { table: "指标体系表" }] }), both, PLAN_TEXT).citationRank).toBe(2);
    expect(scoreAnswer(item({ cite: [{ chapter: "第七章" }] }), both, PLAN_TEXT).citationRank).toBeNull();
  });

  it("counts any citation when the item names none, and none when the found flag is wrong", () => {
    expect(scoreAnswer(item({}), answer({ citations: [] }), PLAN_TEXT).citationRank).toBe(1);
    expect(scoreAnswer(item({ cite: [{ table: "指标体系表" }] }), answer({ found: false }), PLAN_TEXT).citationRank).toBeNull();
  });

  it("citationMatches needs every key equal, and the table only as a substring", () => {
    expect(citationMatches(tableCitation, { chapter: "第五章", table: "指标体系表" })).toBe(true);
    expect(citationMatches(tableCitation, { chapter: "第五章", section: "第一节" })).toBe(false);
    expect(citationMatches(boxCitation, { table: "指标体系表" })).toBe(false);
    expect(citationMatches(boxCitation, { box: "专栏" })).toBe(false);
    expect(citationMatches(boxCitation, {})).toBe(true);
  });
});

describe("scoreAnswer: quotes", () => {
  it("counts quotes found verbatim in the plan, ignoring whitespace and line breaks", () => {
    const score = scoreAnswer(item({}), answer({ citations: [tableCitation, boxCitation, citation({ quote: "新建幼儿园2所。" }), citation({ quote: "  " })] }), PLAN_TEXT);
    // The empty quote is not a quote; 新建幼儿园2所 is not what the plan says.
    expect(score).toMatchObject({ quotes: 3, verbatimQuotes: 2 });
  });

  it("counts quotes of answers that fail too", () => {
    expect(scoreAnswer(item({ must: ["不会出现"] }), answer({}), PLAN_TEXT)).toMatchObject({ answerOk: false, quotes: 1, verbatimQuotes: 1 });
  });
});
