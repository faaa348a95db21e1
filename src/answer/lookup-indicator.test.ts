import { beforeAll, describe, expect, it } from "vitest";
import type { Indicator } from "../parse/plan-types.js";
import type { Segmenter } from "../segment/segmenter.js";
import { realAssistant } from "../../test/support/real-assistant.js";
import { analyzeQuestion, type QuestionAnalysis } from "./analyze-question.js";
import { formatValue, lookupIndicator, matchIndicators, valueInWords, type IndicatorLookup } from "./lookup-indicator.js";

let indicators: readonly Indicator[];
let segmenter: Segmenter;

beforeAll(async () => {
  const assistant = await realAssistant();
  indicators = assistant.engine.knowledge.indicators;
  segmenter = assistant.engine.segmenter;
});

const analyze = (question: string, contextText?: string): QuestionAnalysis => ({ ...analyzeQuestion(question, segmenter), ...(contextText ? { contextText } : {}) });
const lookup = (question: string, contextText?: string): IndicatorLookup => lookupIndicator(analyze(question, contextText), indicators);
/** "category/name" of the indicator found, or the lookup's kind. */
function found(question: string, contextText?: string): string {
  const result = lookup(question, contextText);
  return result.kind === "found" ? `${result.indicator.category}/${result.indicator.name}` : result.kind;
}
const row = (category: string, name: string) => indicators.find((indicator) => indicator.category === category && indicator.name === name)!;

describe("the indicator table of the real plan", () => {
  it("has the 15 rows the lookups below rely on", () => {
    expect(indicators).toHaveLength(15);
    expect(indicators.filter((indicator) => indicator.parent === "在校学生数").map((indicator) => indicator.name)).toEqual(["普通小学", "普通初中", "普通高中", "中等职业教育"]);
  });
});

describe("lookupIndicator", () => {
  it("finds every row by its full name (with the category where two rows share a name)", () => {
    for (const indicator of indicators) {
      const name = indicator.parent ? `${indicator.name}${indicator.parent}` : indicator.name;
      const question = `2025年${indicator.name === "在校学生数" ? indicator.category : ""}${name}是多少？`;
      expect(found(question), question).toBe(`${indicator.category}/${indicator.name}`);
    }
  });

  it("understands 在校生, 学生数 and 在园人数 for the head counts", () => {
    expect(found("义务教育在校生2025年多少")).toBe("义务教育/在校学生数");
    expect(found("高中阶段学生数2025年")).toBe("高中阶段教育/在校学生数");
    expect(found("普通初中在校生2025年多少万人")).toBe("义务教育/普通初中");
    expect(found("普通高中学生到2025年有多少万人？")).toBe("高中阶段教育/普通高中");
    expect(found("在园人数2025年")).toBe("学前教育/在园幼儿数");
  });

  it("takes a sub-row (普通初中) only with evidence that pupils are meant, never for the schools", () => {
    expect(found("普通初中在校生情况")).toBe("义务教育/普通初中");
    expect(found("普通初中的情况")).toBe("not-found");
    expect(found("普通初中学校的情况")).toBe("not-found");
    // The plan counts the schools in prose (初中21所); a head count is no answer to these.
    expect(found("普通初中学校有多少")).toBe("not-found");
    expect(found("2025年普通初中学校数量")).toBe("not-found");
    expect(found("普通初中学校在校生多少")).toBe("义务教育/普通初中");
    // The earlier question of a follow-up is evidence too.
    expect(found("普通初中呢？", "2025年普通小学在校生预计多少？")).toBe("义务教育/普通初中");
  });

  it("expands the short forms officials use", () => {
    expect(found("中职在校生2025年是多少")).toBe("高中阶段教育/中等职业教育");
    expect(found("普惠园占比2025年")).toBe("学前教育/普惠性幼儿园在园幼儿占比");
    expect(found("公办园占比2025年")).toBe("学前教育/公办幼儿园在园幼儿占比");
    expect(found("义教巩固率")).toBe("义务教育/九年义务教育巩固率");
    expect(found("财政性教育经费占比")).toBe("教育投入/财政性教育经费占一般公共预算支出的比例");
  });

  it("takes a distinctive ending of one name (毛入园率) for that indicator when a figure is asked, not a shared middle part", () => {
    expect(found("毛入园率目标")).toBe("学前教育/学前三年毛入园率");
    expect(found("入园率2022年")).toBe("学前教育/学前三年毛入园率");
    expect(found("毛入学率2025年")).toBe("高中阶段教育/高中阶段毛入学率");
    // 义务教育 is part of 九年义务教育巩固率 but names no indicator.
    expect(found("义务教育2025年的目标是多少")).toBe("not-found");
  });

  it("reports the two 在校学生数 rows as ambiguous without a category, and picks one with it", () => {
    const ambiguous = lookup("在校学生数2025年是多少");
    expect(ambiguous.kind).toBe("ambiguous");
    expect(ambiguous.kind === "ambiguous" && ambiguous.candidates.map((indicator) => indicator.category).sort()).toEqual(["义务教育", "高中阶段教育"]);
    expect(found("义务教育在校学生数2025年是多少")).toBe("义务教育/在校学生数");
    expect(found("高中阶段教育在校学生数2025年是多少")).toBe("高中阶段教育/在校学生数");
  });

  it("prefers the more specific of two similar names, keeping the other as an alternative", () => {
    const result = lookup("劳动年龄人口平均受教育年限是多少年");
    expect(result.kind).toBe("found");
    expect(result.kind === "found" && result.indicator.name).toBe("劳动年龄人口平均受教育年限");
  });
});

describe("matchIndicators", () => {
  it("never offers an indicator whose unit does not fit the measure word asked for", () => {
    for (const indicator of indicators) {
      // 多少所 counts schools: no % or 万人 row can answer it.
      expect(matchIndicators(analyze(`${indicator.name}有多少所`), indicators)).toEqual([]);
    }
    const perCent = matchIndicators(analyze("在园幼儿数提高多少个百分点"), indicators);
    expect(perCent.length).toBeGreaterThan(0);
    expect(perCent.every((match) => match.indicator.unit === "%")).toBe(true);
    expect(matchIndicators(analyze("学前三年毛入园率有多少万人"), indicators).every((match) => match.indicator.unit === "万人" || match.indicator.unit === "人")).toBe(true);
    expect(found("学前三年毛入园率有多少万人")).toBe("not-found");
    expect(matchIndicators(analyze("学前三年毛入园率是多少年"), indicators).every((match) => match.indicator.unit === "年")).toBe(true);
  });

  it("ranks best first and scores the category the question names", () => {
    const matches = matchIndicators(analyze("义务教育在校学生数2025年是多少"), indicators);
    expect(matches[0]!.indicator.category).toBe("义务教育");
    expect(matches[0]!.categoryScore).toBe(1);
    expect(matches.find((match) => match.indicator.category === "高中阶段教育" && match.indicator.name === "在校学生数")!.categoryScore).toBe(0);
  });
});

describe("formatValue and valueInWords", () => {
  it("write a target with its operator and unit, for tables and for prose", () => {
    const enrolment = row("学前教育", "学前三年毛入园率").values.find((value) => value.year === "2025")!;
    expect(formatValue(enrolment, "%")).toBe("≥94.0%");
    expect(valueInWords(enrolment, "%")).toBe("不低于94.0%");
    const funding = row("教育投入", "财政性教育经费占一般公共预算支出的比例").values.find((value) => value.year === "2025")!;
    expect(valueInWords(funding, "%")).toBe("高于20%");
    const pupils = row("义务教育", "普通初中").values.find((value) => value.year === "2025")!;
    expect(formatValue(pupils, "万人")).toBe("2.4万人");
    expect(valueInWords(pupils, "万人")).toBe("2.4万人");
  });

  it("handles the other operators, a full-width sign and a missing unit", () => {
    expect(valueInWords({ year: "2025", raw: "≤15", operator: "≤", value: 15 }, "%")).toBe("不高于15%");
    expect(valueInWords({ year: "2025", raw: "<5", operator: "<", value: 5 }, "%")).toBe("低于5%");
    expect(valueInWords({ year: "2025", raw: "＞20", operator: ">", value: 20 }, "%")).toBe("高于20%");
    expect(formatValue({ year: "2025", raw: "≥99", operator: "≥", value: 99 }, null)).toBe("≥99");
    expect(valueInWords({ year: "2025", raw: "≥99", operator: "≥", value: 99 }, null)).toBe("不低于99");
  });
});

describe("a category named with a measure only one of its indicators has", () => {
  it("names that indicator, unless the question is about something else in the category", async () => {
    const assistant = await realAssistant();
    const analyse = (question: string) => analyzeQuestion(question, assistant.engine.segmenter);
    const share = lookupIndicator(analyse("教育投入占比在2022年的要求"), assistant.engine.knowledge.indicators);
    expect(share.kind === "found" && share.indicator.name).toBe("财政性教育经费占一般公共预算支出的比例");
    const other = lookupIndicator(analyse("民办学校义务教育阶段学生占比控制在多少以内？"), assistant.engine.knowledge.indicators);
    expect(other.kind).toBe("not-found");
  });
});

