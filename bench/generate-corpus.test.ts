import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../src/parse/parse-plan.js";
import type { Plan } from "../src/parse/plan-types.js";
import { districtNames, generateCorpus } from "./generate-corpus.js";
import { citesRightDocument, districtQuestions } from "./growth-questions.js";

const seedText = readFileSync(new URL("../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");
const seedPlan = parsePlan("seed", seedText);

function outlineCounts(plan: Plan) {
  return {
    parts: plan.parts.length,
    chapters: plan.chapters.map((chapter) => chapter.sections.length),
    boxes: plan.boxes.map((box) => box.label),
    tableRows: plan.tables.map((table) => table.rows.length),
    tableYears: plan.tables.map((table) => table.years),
  };
}

describe("generateCorpus", () => {
  const corpus = generateCorpus(seedText, 4);

  it("gives the same corpus for the same count, and the first documents of a larger corpus", () => {
    const again = generateCorpus(seedText, 4);
    expect(again.map((document) => document.text)).toEqual(corpus.map((document) => document.text));
    expect(again.map((document) => [...document.figures])).toEqual(corpus.map((document) => [...document.figures]));
    expect(generateCorpus(seedText, 2).map((document) => document.text)).toEqual(corpus.slice(0, 2).map((document) => document.text));
    expect(generateCorpus(seedText, 2, { seed: 7 })[0]!.text).not.toBe(corpus[0]!.text);
  });

  it("makes distinct documents with distinct ids, files and districts", () => {
    expect(new Set(corpus.map((document) => document.text)).size).toBe(corpus.length);
    expect(new Set(corpus.map((document) => document.doc)).size).toBe(corpus.length);
    expect(new Set(corpus.map((document) => document.file)).size).toBe(corpus.length);
    expect(corpus.map((document) => document.district)).toEqual(["万州区", "涪陵区", "渝中区", "大渡口区"]);
    for (const document of corpus) expect(document.text).not.toBe(seedText);
  });

  it("substitutes the district everywhere: title, issuer, 文号 and body", () => {
    for (const document of corpus) {
      const plan = parsePlan(document.doc, document.text);
      const bare = document.district.replace(/[区县]$/, "");
      expect(document.text).not.toContain("梁平");
      expect(plan.metadata.district).toBe(document.district);
      expect(plan.metadata.title).toBe(`重庆市${document.district}教育事业发展“十四五”规划（2021—2025年）`);
      expect(plan.metadata.issuer).toBe(`重庆市${document.district}人民政府`);
      expect(plan.metadata.documentNumber).toMatch(new RegExp(`^${bare}府发〔2021〕\\d+号$`));
      expect(plan.tables[0]!.title).toBe(`${document.district}教育事业发展“十四五”规划指标体系表`);
    }
  });

  it("still parses to the seed's outline: 篇, 章, 节 per 章, 专栏, table rows and years", () => {
    for (const document of corpus) {
      const plan = parsePlan(document.doc, document.text);
      expect(outlineCounts(plan)).toEqual(outlineCounts(seedPlan));
      expect(plan.warnings).toEqual(seedPlan.warnings);
      expect(plan.metadata.period).toEqual({ from: 2021, to: 2025 });
    }
  });

  it("shuffles the 节 inside each 章 and relabels them in order", () => {
    const seedOrder = seedPlan.chapters.map((chapter) => chapter.sections.map((section) => section.title));
    for (const document of corpus) {
      const plan = parsePlan(document.doc, document.text);
      const order = plan.chapters.map((chapter) => chapter.sections.map((section) => section.title));
      // Same titles in every 章, not all in the seed's order.
      expect(order.map((titles) => [...titles].sort())).toEqual(seedOrder.map((titles) => [...titles].sort()));
      expect(order).not.toEqual(seedOrder);
      for (const chapter of plan.chapters) expect(chapter.sections.map((section) => section.ordinal)).toEqual(chapter.sections.map((_, index) => index + 1));
    }
  });

  it("alters every figure, the same way wherever it appears, and leaves years alone", () => {
    const seedRows = seedPlan.tables[0]!.rows;
    for (const document of corpus) {
      const plan = parsePlan(document.doc, document.text);
      const figure = (seedFigure: string) => document.figures.get(seedFigure)!;
      for (const [original, altered] of document.figures) {
        expect(altered).not.toBe(original);
        expect(altered.split(".")[1]?.length ?? 0).toBe(original.split(".")[1]?.length ?? 0);
      }
      // Each table cell is the seed's cell with its number replaced by the document's figure.
      plan.tables[0]!.rows.forEach((row, rowIndex) => {
        const seedRow = seedRows[rowIndex]!;
        expect(row.name).toBe(seedRow.name);
        expect(row.values.map((value) => value.raw)).toEqual(seedRow.values.map((value) => value.raw.replace(/\d+(?:\.\d+)?/, (number) => figure(number))));
        if (row.unit === "%") for (const value of row.values) expect(value.value ?? 0).toBeLessThanOrEqual(100);
      });
      // A figure stated in the text and in the table stays equal in both.
      expect(document.text).toContain(`普惠性幼儿园在园幼儿占比达${figure("96.34")}%`);
      expect(plan.tables[0]!.rows.find((row) => row.name === "普惠性幼儿园在园幼儿占比")!.values[0]!.raw).toBe(figure("96.34"));
      expect(document.text).toContain(`补充新教师${figure("600")}名`);
      expect(document.text).toContain("2016年至2020年");
      expect(document.text).toContain("2021年12月24日");
      expect(document.text).toContain("IPV6");
    }
  });

  it("refuses more documents than it has district names", () => {
    expect(() => generateCorpus(seedText, 2000)).toThrow(/at most/);
  });
});

describe("districtNames", () => {
  it("gives 100 distinct names without the seed's, no bare name inside another name", () => {
    const names = districtNames(100, "梁平区");
    expect(new Set(names).size).toBe(100);
    expect(names).not.toContain("梁平区");
    const bare = names.map((name) => name.replace(/[区县]$/, ""));
    names.forEach((name, index) => bare.forEach((other, otherIndex) => otherIndex === index || expect(name.includes(other)).toBe(false)));
  });

  it("gives 1,000 distinct names for the 1,000-plan row, none inside another, the first 100 as before", () => {
    const names = districtNames(1000, "梁平区");
    expect(new Set(names).size).toBe(1000);
    expect(names.slice(0, 100)).toEqual(districtNames(100, "梁平区"));
    const bare = names.map((name) => name.replace(/[区县]$/, ""));
    for (const [index, name] of names.entries()) {
      for (const [otherIndex, other] of bare.entries()) if (otherIndex !== index && name.includes(other)) throw new Error(`${name} contains ${other}`);
    }
  });
});

describe("districtQuestions", () => {
  it("asks each district for figures as that document states them", () => {
    const corpus = generateCorpus(seedText, 2);
    const questions = districtQuestions(corpus);
    expect(questions).toHaveLength(10);
    const preschool = questions.find((question) => question.id === `${corpus[1]!.doc}:preschool`)!;
    expect(preschool.question).toBe("涪陵区2025年学前三年毛入园率目标是多少？");
    expect(preschool.expected).toBe(corpus[1]!.figures.get("94.0"));
    expect(citesRightDocument(preschool, { answer: `目标为≥${preschool.expected}%`, citations: [{ doc: corpus[1]!.doc }] })).toBe(true);
    expect(citesRightDocument(preschool, { answer: `目标为≥${preschool.expected}%`, citations: [{ doc: corpus[0]!.doc }] })).toBe(false);
    expect(citesRightDocument(preschool, { answer: "目标为≥94.0%", citations: [{ doc: corpus[1]!.doc }] })).toBe(preschool.expected === "94.0");
  });
});
