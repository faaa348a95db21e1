import { describe, expect, it } from "vitest";
import type { PromptPassage } from "./build-grounded-prompt.js";
import { checkGrounding } from "./check-grounding.js";

function shown(label: string, text: string): PromptPassage {
  return {
    label,
    shown: `[${label}]（出处：第一章）\n${text}`,
    source: { id: label, text, citation: { doc: "规划", part: null, chapter: "第一章", section: null, box: null, table: null, heading: "第一章", quote: text } },
  };
}

const passages = [shown("P1", "2016年至2020年全区财政教育投入累计84.03亿元，年均增幅达13.1%。"), shown("P2", "新建学校11所、改扩建学校54所，新增学位1.63万个。")];
const base = { passages, lookups: [] as string[], extractiveAnswer: "全区财政教育投入累计84.03亿元。", keepFigures: false };

describe("checkGrounding", () => {
  it("accepts numbers from the cited passages however they are written", () => {
    const verdict = checkGrounding({ ...base, reply: { answer: "二〇一六年至二〇二〇年，投入共计84.03亿元，年均增长百分之十三点一。", passageLabels: ["P1"] } });
    expect(verdict).toEqual({ kind: "grounded", cited: [passages[0]] });
  });

  it("accepts 1.63万 written as 16300 and numbers of the extractive answer", () => {
    expect(checkGrounding({ ...base, reply: { answer: "新增学位16,300个，投入84.03亿元。", passageLabels: ["P2"] } }).kind).toBe("grounded");
  });

  it("rejects a number found only in a passage the reply does not cite", () => {
    const verdict = checkGrounding({ ...base, reply: { answer: "新建学校11所。", passageLabels: ["P1"] } });
    expect(verdict).toMatchObject({ kind: "rejected", reason: "unsupported_number", detail: expect.stringContaining("11") });
  });

  it("rejects an invented or changed number", () => {
    expect(checkGrounding({ ...base, reply: { answer: "投入累计约85亿元。", passageLabels: ["P1"] } })).toMatchObject({ reason: "unsupported_number" });
    expect(checkGrounding({ ...base, reply: { answer: "年均增幅达13%。", passageLabels: ["P1"] } })).toMatchObject({ reason: "unsupported_number" });
  });

  it("accepts numbers from the lookup results", () => {
    const verdict = checkGrounding({ ...base, lookups: ["公办幼儿园在园幼儿占比2025年目标为65%。"], reply: { answer: "到2025年占比达到65%。", passageLabels: [] } });
    expect(verdict).toEqual({ kind: "grounded", cited: [] });
  });

  it("rejects a passage id it was not given", () => {
    expect(checkGrounding({ ...base, reply: { answer: "投入增长。", passageLabels: ["P1", "P9"] } })).toMatchObject({ kind: "rejected", reason: "unknown_passage" });
  });

  it("rejects a reply citing nothing when passages were its only material", () => {
    expect(checkGrounding({ ...base, reply: { answer: "投入增长。", passageLabels: [] } })).toMatchObject({ kind: "rejected", reason: "no_citation" });
  });

  it("for figure questions, rejects a reply that drops a figure of the extractive answer", () => {
    const figures = { ...base, keepFigures: true, extractiveAnswer: "2016年至2020年财政教育投入累计84.03亿元。" };
    expect(checkGrounding({ ...figures, reply: { answer: "“十三五”期间投入累计84.03亿元。", passageLabels: ["P1"] } })).toMatchObject({ reason: "dropped_figure", detail: expect.stringContaining("2016") });
    expect(checkGrounding({ ...figures, reply: { answer: "2016年至2020年，全区财政教育投入累计达八十四点零三亿元。", passageLabels: ["P1"] } }).kind).toBe("grounded");
  });
});
