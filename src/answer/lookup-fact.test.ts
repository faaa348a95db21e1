import { beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "./engine.js";
import { realAssistant } from "../../test/support/real-assistant.js";
import { analyzeQuestion } from "./analyze-question.js";
import { askedYears, lookupFact, type FactMatch } from "./lookup-fact.js";
import { createJiebaSegmenter } from "../segment/jieba-segmenter.js";

let engine: Engine;
let docs: ReadonlySet<string>;

beforeAll(async () => {
  engine = (await realAssistant()).engine;
  docs = new Set(engine.knowledge.plans.map((plan) => plan.doc));
});

const matches = (question: string, within = docs): FactMatch[] => lookupFact(analyzeQuestion(question, engine.segmenter), engine.knowledge.facts, engine.segmenter, within);
const best = (question: string) => matches(question)[0]?.fact;

describe("lookupFact", () => {
  it("finds the stated figure, preferring the period the question asks about", () => {
    expect(best("十三五期间补充了多少名新教师？")).toMatchObject({ valueText: "1140名", period: "past" });
    expect(best("十四五要补充多少新教师？")).toMatchObject({ valueText: "600名", period: "target" });
    expect(best("十三五期间新建了多少所学校")).toMatchObject({ item: "新建学校11所", period: "past" });
  });

  it("picks the item of a listing sentence the question names", () => {
    expect(best("特殊教育学校几所")).toMatchObject({ item: "特殊教育学校1所", location: { chapter: "第一章" } });
    expect(best("全区有多少所小学")).toMatchObject({ item: "小学71所" });
    expect(best("新培养多少名市级骨干教师")).toMatchObject({ valueText: "50名" });
  });

  it("prefers a total (各级各类, 累计) when the question asks for one", () => {
    expect(best("全区一共多少学校")?.item).toContain("各级各类学校203所");
  });

  it("only offers figures whose unit fits the measure word", () => {
    const schools = matches("全区有多少所小学");
    expect(schools.length).toBeGreaterThan(1);
    expect(schools.every((match) => match.fact.unit === "所")).toBe(true);
    const teachers = matches("补充多少名教师");
    expect(teachers.every((match) => ["名", "人"].includes(match.fact.unit))).toBe(true);
    expect(matches("财政教育投入累计多少亿元")[0]?.fact.valueText).toBe("84.03亿元");
  });

  it("requires the figure to count what the question names, with the topic mostly covered", () => {
    // 人口 names no figure: 劳动年龄人口平均受教育年限 counts years of schooling.
    expect(matches("人口是多少年")).toEqual([]);
    for (const match of matches("补充多少名教师")) expect(match.recall).toBeGreaterThanOrEqual(0.6);
  });

  it("never offers a figure that only qualifies a noun (人口超过3万人的乡镇)", () => {
    const attributive = engine.knowledge.facts.filter((fact) => fact.attributive);
    expect(attributive.length).toBeGreaterThan(0);
    const found = matches("乡镇人口超过多少万人要建中心幼儿园").map((match) => match.fact);
    for (const fact of attributive) expect(found).not.toContain(fact);
  });

  it("returns nothing for a question without a topic, or for plans outside `docs`", () => {
    expect(matches("有多少")).toEqual([]);
    expect(matches("全区有多少所小学", new Set(["another-plan"]))).toEqual([]);
  });

  it("sorts best first", () => {
    const result = matches("十四五要补充多少新教师？");
    for (let index = 1; index < result.length; index += 1) expect(result[index]!.score).toBeLessThanOrEqual(result[index - 1]!.score);
  });
});

describe("askedYears", () => {
  it("leaves out a comparison base: 比2020年 asks a change, not a 2020 figure", () => {
    const jieba = createJiebaSegmenter();
    expect(askedYears(analyzeQuestion("数字化改造企业比2020年增加多少家？", jieba))).toEqual([]);
    expect(askedYears(analyzeQuestion("与2015年相比，2020年要达到多少", jieba))).toEqual([2020]);
    expect(askedYears(analyzeQuestion("济南25年5G基站目标是多少个", jieba))).toEqual([2025]);
  });
});
