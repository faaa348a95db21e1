import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitClauses, splitSentences } from "./split-sentences.js";

const texts = (spans: readonly { text: string }[]) => spans.map((span) => span.text);

describe("splitSentences", () => {
  it("splits at 。 and ；, keeping the punctuation", () => {
    const paragraph = "建成都梁中学，优化整合部分高中教育资源；完善现有高中的育人条件和办学功能。探索推行集团化办学模式。";
    expect(texts(splitSentences(paragraph))).toEqual(["建成都梁中学，优化整合部分高中教育资源；", "完善现有高中的育人条件和办学功能。", "探索推行集团化办学模式。"]);
  });

  it("keeps a closing quote with the sentence it closes", () => {
    expect(texts(splitSentences("切实做到“决策部署以规划为依据。”引导社会各界参与！"))).toEqual(["切实做到“决策部署以规划为依据。”", "引导社会各界参与！"]);
  });

  it("keeps a trailing fragment without end punctuation", () => {
    expect(texts(splitSentences("补充新教师600名。培养骨干教师"))).toEqual(["补充新教师600名。", "培养骨干教师"]);
  });

  it("returns nothing for blank text", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences("  \n ")).toEqual([]);
  });

  it("gives offsets that point at the sentence and loses no character", () => {
    const unit = fc.constantFrom("教", "育", "，", "。", "；", "！", "？", "”", "）", "1", " ");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        const spans = splitSentences(text);
        for (const span of spans) expect(text.slice(span.start, span.start + span.text.length)).toBe(span.text);
        expect(spans.map((span) => span.text).join("").replace(/\s+/g, "")).toBe(text.replace(/\s+/g, ""));
      }),
      { numRuns: 500 },
    );
  });
});

describe("splitClauses", () => {
  it("splits a sentence at commas and colons, keeping the punctuation", () => {
    expect(texts(splitClauses("补充新教师600名，培养农村小学全科教师和学前教育公费师范生100名。"))).toEqual(["补充新教师600名，", "培养农村小学全科教师和学前教育公费师范生100名。"]);
    expect(texts(splitClauses("其中：教师进修学校1所，高级中学2所。"))).toEqual(["其中：", "教师进修学校1所，", "高级中学2所。"]);
  });

  it("keeps an enumeration with 、 in one clause", () => {
    expect(texts(splitClauses("新增正高级教师5名、重庆市名师20名"))).toEqual(["新增正高级教师5名、重庆市名师20名"]);
  });
});
