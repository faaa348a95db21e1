import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../parse/parse-plan.js";
import { extractFacts, type Fact } from "./extract-facts.js";

const seedText = readFileSync(new URL("../../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");
const secondText = readFileSync(new URL("../../test/fixtures/second-plan.txt", import.meta.url), "utf8");
const plan = parsePlan("liangping", seedText);
const facts = extractFacts(plan);

/** The one fact with this figure at this place ("第一章第三节", "专栏6"). */
function factAt(valueText: string, place: string, source: readonly Fact[] = facts): Fact {
  const matches = source.filter((fact) => fact.valueText === valueText && (fact.location.box ?? `${fact.location.chapter}${fact.location.section ?? ""}`) === place);
  expect(matches, `${valueText} in ${place}`).toHaveLength(1);
  return matches[0]!;
}

describe("extractFacts on the Liangping plan", () => {
  it("reads a past figure of the review chapter: 补充新教师1140名 in 第一章第三节", () => {
    const fact = factAt("1140名", "第一章第三节");
    expect(fact).toMatchObject({ doc: "liangping", subject: "补充新教师", value: 1140, unit: "名", qualifier: "=", period: "past", attributive: false });
    expect(fact.clause).toBe("补充新教师1140名");
    expect(fact.location).toMatchObject({ part: "第一篇", chapter: "第一章", section: "第三节", box: null });
  });

  it("reads the same subject as a target in 专栏6: 补充新教师600名", () => {
    const fact = factAt("600名", "专栏6");
    expect(fact).toMatchObject({ subject: "补充新教师", value: 600, unit: "名", qualifier: "=", period: "target", attributive: false });
    expect(fact.location).toMatchObject({ box: "专栏6", chapter: "第十一章" });
    expect(fact.sentence.startsWith("补充新教师600名")).toBe(true);
  });

  it("reads money with its year range: 财政教育投入累计84.03亿元", () => {
    const fact = factAt("84.03亿元", "第一章第三节");
    expect(fact).toMatchObject({ value: 84.03, unit: "亿元", qualifier: "=", period: "past", year: 2020, subject: "2016年至2020年全区财政教育投入累计" });
  });

  it("reads a percentage in a box: “双师型”教师占比达到55% in 专栏3", () => {
    expect(factAt("55%", "专栏3")).toMatchObject({ subject: "“双师型”教师占比", value: 55, unit: "%", qualifier: "=", period: "target" });
  });

  it("keeps qualifiers: 100余间 is approximate, 不少于360学时 a minimum, 15%以内 a maximum, 近40% approximate", () => {
    expect(factAt("100余间", "专栏7")).toMatchObject({ value: 100, unit: "间", qualifier: "~", subject: "升级改造计算机教室" });
    expect(factAt("4600余台", "专栏7")).toMatchObject({ value: 4600, unit: "台", qualifier: "~" });
    expect(factAt("不少于360学时", "专栏6")).toMatchObject({ value: 360, unit: "学时", qualifier: "≥" });
    expect(factAt("15%以内", "第十四章第二节")).toMatchObject({ value: 15, unit: "%", qualifier: "≤" });
    expect(factAt("近40%", "第一章第三节")).toMatchObject({ value: 40, unit: "%", qualifier: "~" });
    expect(factAt("不低于20%", "第十六章第二节")).toMatchObject({ value: 20, unit: "%", qualifier: "≥" });
  });

  it("reads the small-form percent sign ﹪ as % and 以上 as a minimum", () => {
    expect(factAt("94﹪以上", "专栏2")).toMatchObject({ subject: "学前三年毛入园率", value: 94, unit: "%", qualifier: "≥" });
  });

  it("marks a figure that only qualifies a noun as attributive: 人口超过3万人的乡镇", () => {
    const fact = factAt("超过3万人", "专栏2");
    expect(fact).toMatchObject({ value: 3, unit: "万人", qualifier: ">", attributive: true });
    expect(facts.filter((candidate) => candidate.location.box === "专栏2" && candidate.attributive).map((candidate) => candidate.valueText)).toEqual(["超过3万人"]);
    expect(factAt("2所", "专栏2").attributive).toBe(false);
    // A requirement followed by 的 ("不少于360学时的全员培训") and a rate ("按10%的比例") still state figures.
    expect(factAt("不少于360学时", "专栏6").attributive).toBe(false);
  });

  it("does not take years or ordinals for quantities", () => {
    const values = facts.map((fact) => fact.valueText);
    expect(values.some((value) => /^(19|20)\d{2}年/.test(value))).toBe(false);
    expect(facts.filter((fact) => fact.unit === "年").every((fact) => fact.value < 100)).toBe(true);
    // 第十四个五年规划 is an ordinal.
    expect(facts.some((fact) => fact.unit === "个" && fact.value === 14)).toBe(false);
    // 2016年成立… and 2016年12月通过… hold no quantity.
    expect(facts.filter((fact) => fact.location.section === "第五节" && fact.location.chapter === "第一章").map((fact) => fact.valueText)).toEqual(["2.3亿元", "1.1亿元", "11所"]);
  });

  it("classifies when a figure holds: review chapter past, 形势 chapter context, tasks and boxes targets", () => {
    const periodsByChapter = new Map<string, Set<string>>();
    for (const fact of facts) {
      const key = fact.location.box ? "专栏" : fact.location.chapter!;
      periodsByChapter.set(key, new Set([...(periodsByChapter.get(key) ?? []), fact.period]));
    }
    expect([...periodsByChapter.get("第一章")!]).toEqual(["past"]);
    expect([...periodsByChapter.get("第二章")!]).toEqual(["context"]);
    expect([...periodsByChapter.get("第十章")!]).toEqual(["target"]);
    expect([...periodsByChapter.get("专栏")!]).toEqual(["target"]);
  });

  it("takes nothing from the notice and preamble", () => {
    expect(facts.length).toBeGreaterThan(100);
    for (const fact of facts) expect(fact.location.chapter !== null || fact.location.box !== null).toBe(true);
  });

  it("quotes verbatim: the clause is in the sentence, the sentence in its paragraph, the figure in the clause", () => {
    const paragraphs = new Map(plan.paragraphs.map((paragraph) => [paragraph.id, paragraph.text]));
    for (const fact of facts) {
      expect(paragraphs.get(fact.paragraphId)!.includes(fact.sentence), fact.sentence).toBe(true);
      expect(fact.sentence.includes(fact.clause), fact.clause).toBe(true);
      expect(fact.clause.includes(fact.valueText.replace(/^(不少于|不低于|超过|至少|近|约)/, "")), fact.valueText).toBe(true);
    }
    expect(new Set(facts.map((fact) => fact.id)).size).toBe(facts.length);
  });
});

describe("extractFacts on the second plan", () => {
  const second = parsePlan("second-plan", secondText);
  const secondFacts = extractFacts(second);

  it("reads its figures with their places and qualifiers", () => {
    expect(factAt("不少于120名", "第六章第二节", secondFacts)).toMatchObject({ doc: "second-plan", subject: "每年公开招聘教师", value: 120, qualifier: "≥", period: "target" });
    expect(factAt("21.6亿元", "第一章第一节", secondFacts)).toMatchObject({ subject: "全县累计投入教育资金", period: "past" });
    expect(factAt("600名", "专栏3", secondFacts)).toMatchObject({ subject: "公开招聘教师", location: { chapter: "第六章" } });
    expect(factAt("95.6%", "第一章第二节", secondFacts)).toMatchObject({ subject: "九年义务教育巩固率", period: "past" });
  });

  it("reads nothing from its indicator table", () => {
    expect(secondFacts.some((fact) => fact.location.table !== null || /\t/.test(fact.sentence))).toBe(false);
    expect(secondFacts.some((fact) => fact.value === 52.3)).toBe(false);
  });
});

describe("extractFacts on items joined by 及/和 before the next figure", () => {
  it("gives each figure its own item: 150个以上示范街道（乡镇）及 50个以上示范基地", () => {
    const elderly = parsePlan("elderly", readFileSync(new URL("../../test/fixtures/corpus/national-smart-health-elderly-2021-2025.txt", import.meta.url), "utf8"));
    const demo = extractFacts(elderly).filter((fact) => fact.location.section === "（三）" && /示范/.test(fact.subject));
    expect(demo.map((fact) => [fact.subject, fact.valueText])).toEqual([
      ["再培育 示范企业", "100个以上"],
      ["示范园区", "50个以上"],
      ["示范街道（乡镇）", "150个以上"],
      ["示范基地", "50个以上"],
    ]);
  });
});

describe("extractFacts on figures with a magnitude before the measure word", () => {
  it("reads 45亿亩林地、26亿亩沙地和10亿亩湿地 as three figures in 亿亩", () => {
    const forestry = parsePlan("forestry", readFileSync(new URL("../../test/fixtures/corpus/national-smart-forestry-2013.txt", import.meta.url), "utf8"));
    const land = extractFacts(forestry).filter((fact) => fact.unit === "亿亩");
    expect(land.map((fact) => [fact.valueText, fact.item])).toEqual([
      ["45亿亩", "实现对45亿亩林地"],
      ["26亿亩", "26亿亩沙地"],
      ["10亿亩", "10亿亩湿地等林业资源的实时有效监管"],
    ]);
  });

  it("keeps 万 a magnitude before words that are no measure (300万家庭, 500万户籍人口)", () => {
    const plan = parsePlan("homes", "一、总体要求\n（一）目标\n惠及全市300万家庭，服务500万户籍人口。\n");
    expect(extractFacts(plan).map((fact) => [fact.valueText, fact.unit])).toEqual([["300万", "万"], ["500万", "万"]]);
  });

  it("reads 件 as a measure word: 万人发明专利拥有量达到14件", () => {
    const scitech = parsePlan("scitech", readFileSync(new URL("../../test/fixtures/corpus/shandong-scitech-13th-2016.txt", import.meta.url), "utf8"));
    const patents = extractFacts(scitech).filter((fact) => fact.unit === "件" && fact.subject.includes("发明专利"));
    expect(patents.map((fact) => fact.valueText)).toContain("14件");
  });
});
