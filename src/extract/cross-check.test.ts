import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../parse/parse-plan.js";
import { crossCheck } from "./cross-check.js";
import { extractFacts } from "./extract-facts.js";

const seedText = readFileSync(new URL("../../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");
const secondText = readFileSync(new URL("../../test/fixtures/second-plan.txt", import.meta.url), "utf8");
const TABLE = "梁平区教育事业发展“十四五”规划指标体系表";

const strip = (text: string) => text.replace(/\s+/g, "");
const check = (doc: string, text: string) => {
  const plan = parsePlan(doc, text);
  return crossCheck(plan, extractFacts(plan));
};
/** The seed with one table cell changed; the cell text must occur exactly once after the row name. */
function withTableCell(rowName: string, from: string, to: string): string {
  const rowStart = seedText.indexOf(`\t${rowName}`, seedText.indexOf(TABLE));
  const cell = seedText.indexOf(`\t${from}\n`, rowStart);
  expect(rowStart).toBeGreaterThan(0);
  expect(cell).toBeGreaterThan(rowStart);
  return `${seedText.slice(0, cell)}\t${to}\n${seedText.slice(cell + from.length + 2)}`;
}

describe("crossCheck on the Liangping plan", () => {
  const findings = check("liangping", seedText);
  const finding = (subject: string) => findings.find((candidate) => candidate.subject === subject)!;

  it("reports the figures the plan states twice and differently, and only those", () => {
    expect(findings.map((candidate) => candidate.subject).sort()).toEqual(["公办幼儿园在园幼儿占比", "普通高中", "改扩建小学、初中"].sort());
    expect(findings.every((candidate) => candidate.doc === "liangping")).toBe(true);
  });

  it("专栏2 公办幼儿园在园幼儿达60%以上 against the table's 62.0 for 2025", () => {
    const { message, citations } = finding("公办幼儿园在园幼儿占比");
    expect(message).toContain("专栏2");
    expect(message).toContain("公办幼儿园在园幼儿达60%以上");
    expect(message).toContain("2025年62.0%");
    expect(citations.map((citation) => [citation.box, citation.chapter, citation.table])).toEqual([
      ["专栏2", "第七章", null],
      [null, "第五章", TABLE],
    ]);
    expect(citations[1]!.quote).toBe("公办幼儿园在园幼儿占比（%） 61.5 61.8 62.0 预期性");
  });

  it("第一章第四节 普通高中在校生2.21万人 against 普通高中 1.53, noting it equals all 高中阶段 2.21", () => {
    const { message, citations } = finding("普通高中");
    expect(message).toContain("第一章第四节");
    expect(message).toContain("在校生2.21万人");
    expect(message).toContain("高中阶段教育·在校学生数·普通高中");
    expect(message).toContain("2020年1.53万人");
    expect(message).toContain("与指标表中“高中阶段教育·在校学生数”的数值相同");
    expect(citations.map((citation) => [citation.chapter, citation.section, citation.table])).toEqual([
      ["第一章", "第四节", null],
      ["第五章", null, TABLE],
    ]);
    expect(citations[1]!.quote).toBe("其中：普通高中 1.53 1.7 1.6 预期性");
  });

  it("does not flag 专栏2's 九年义务教育巩固率达95.7%: it is the table's 2022 value, a milestone, not a conflict", () => {
    expect(findings.some((candidate) => candidate.subject === "九年义务教育巩固率")).toBe(false);
  });

  it("第十章第一节 改扩建小学5所、初中4所 against the schools 专栏5 names (3 小学, 2 初中)", () => {
    const { message, citations } = finding("改扩建小学、初中");
    expect(message).toBe("第十章第一节写“改扩建小学5所、初中4所”，而专栏5列出的改扩建学校是小学3所（力帆小学、紫竹小学、合兴小学）、初中2所（梁山初中、双桂初中）。");
    expect(citations.map((citation) => [citation.chapter, citation.section, citation.box])).toEqual([
      ["第十章", "第一节", null],
      ["第十章", null, "专栏5"],
    ]);
  });

  it("does not flag 第十六章第二节 不低于20% against the table's >20: both set the same floor", () => {
    expect(findings.some((candidate) => candidate.subject === "财政性教育经费占一般公共预算支出的比例")).toBe(false);
  });

  it("cites verbatim plan text on both sides of every finding", () => {
    const source = strip(seedText);
    for (const { citations } of findings) {
      expect(citations).toHaveLength(2);
      for (const citation of citations) expect(source.includes(strip(citation.quote)), citation.quote).toBe(true);
    }
  });

  it("reports nothing for consistent figures: 毛入园率达94﹪以上 vs ≥94.0, 在园幼儿1.87万人 vs 1.87", () => {
    const subjects = findings.map((candidate) => candidate.subject);
    expect(subjects).not.toContain("学前三年毛入园率");
    expect(subjects).not.toContain("在园幼儿数");
    expect(subjects).not.toContain("普惠性幼儿园在园幼儿占比");
    expect(subjects).not.toContain("高中阶段毛入学率");
  });

  it("does compare those consistent figures: changing the table cell makes them findings", () => {
    const changedTarget = check("liangping", withTableCell("学前三年毛入园率", "≥94.0", "≥95.0"));
    expect(changedTarget.map((candidate) => candidate.subject)).toContain("学前三年毛入园率");
    const changedBaseline = check("liangping", withTableCell("在园幼儿数", "1.87", "1.88"));
    expect(changedBaseline.find((candidate) => candidate.subject === "在园幼儿数")!.message).toContain("在园幼儿1.87万人");
  });
});

describe("crossCheck on the second plan", () => {
  it("reports its one contradiction and takes 普通高中在校学生数 for itself, not for 在校学生数", () => {
    const findings = check("second-plan", secondText);
    expect(findings.map((candidate) => candidate.subject)).toEqual(["九年义务教育巩固率"]);
    expect(findings[0]!.message).toContain("九年义务教育巩固率达到95.6%");
    expect(findings[0]!.message).toContain("2020年95.8%");
    expect(findings[0]!.citations[1]!.quote).toBe("九年义务教育巩固率\t%\t95.8\t96.2\t≥96.5\t约束性");
  });
});
