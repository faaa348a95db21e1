import { describe, expect, it } from "vitest";
import type { Answer } from "../answer/answer-schema.js";
import { formatAnswerText } from "./format-answer.js";

const citation = { doc: "plan", part: "第二篇", chapter: "第五章", section: null, box: null, table: "梁平区教育事业发展“十四五”规划指标体系表", heading: "第二篇 总体思路 › 第五章 发展目标 › 梁平区教育事业发展“十四五”规划指标体系表", quote: "九年义务教育巩固率（%） 95.2 95.7 ≥96.1 约束性" };
const base: Answer = { question: "q", intent: "indicator", found: true, answer: "2025年目标为≥96.1%。", citations: [citation], generator: "extractive" };

describe("formatAnswerText", () => {
  it("prints the answer, then each source with its label, heading and quote", () => {
    const text = formatAnswerText(base);
    expect(text.split("\n")[0]).toBe("2025年目标为≥96.1%。");
    expect(text).toContain("出处：");
    expect(text).toContain("指标体系表 · 第二篇 总体思路 › 第五章 发展目标");
    expect(text).toContain("“九年义务教育巩固率（%） 95.2 95.7 ≥96.1 约束性”");
  });

  it("prints a cross-check note once: under the answer only when the answer does not carry it", () => {
    const note = "专栏2写“九年义务教育巩固率达95.7%”，而指标体系表中2025年≥96.1%。";
    const separate = formatAnswerText({ ...base, notes: [note] });
    expect(separate).toContain("注意（规划前后表述不一致）：");
    expect(separate.split(note)).toHaveLength(2);
    const carried = formatAnswerText({ ...base, answer: `${base.answer}注意：${note}`, notes: [note] });
    expect(carried).not.toContain("注意（规划前后表述不一致）：");
    expect(carried.split(note)).toHaveLength(2);
  });

  it("says when a model answer was rejected for the extractive one", () => {
    expect(formatAnswerText({ ...base, fallback_reason: "unsupported_number" })).toContain("unsupported_number");
  });
});
