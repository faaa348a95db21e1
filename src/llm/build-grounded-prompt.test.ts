import { describe, expect, it } from "vitest";
import type { Citation } from "../answer/answer-schema.js";
import { buildGroundedPrompt, type SourcePassage } from "./build-grounded-prompt.js";

const prompts = { system: "系统规则", answerTemplate: "问：{{question}}\n段：\n{{passages}}\n查：\n{{lookups}}\n数：{{required_figures}}" };

function passage(id: string, text: string, heading = "第一章 发展成就"): SourcePassage {
  const citation: Citation = { doc: "梁平区教育规划", part: "第一篇 发展环境", chapter: "第一章 发展成就", section: null, box: null, table: null, heading, quote: text.slice(0, 20) };
  return { id, text, citation };
}

describe("buildGroundedPrompt", () => {
  it("numbers the passages and fills the template", () => {
    const prompt = buildGroundedPrompt(
      { question: " 教育投入多少？ ", passages: [passage("a", "累计84.03亿元。"), passage("b", "新建学校11所。", "第二节 办学条件")], lookups: ["2025年目标为65%。"], requiredFigures: ["65%", "2025"] },
      prompts,
      1000,
    );
    expect(prompt.system).toBe("系统规则");
    expect(prompt.passages.map((shown) => shown.label)).toEqual(["P1", "P2"]);
    expect(prompt.user).toBe(
      "问：教育投入多少？\n段：\n[P1]（出处：第一章 发展成就）\n累计84.03亿元。\n\n[P2]（出处：第一章 发展成就 > 第二节 办学条件）\n新建学校11所。\n查：\n- 2025年目标为65%。\n数：65%、2025",
    );
  });

  it("says （无） where there is nothing", () => {
    const prompt = buildGroundedPrompt({ question: "问题", passages: [], lookups: [" "], requiredFigures: [] }, prompts, 1000);
    expect(prompt.user).toBe("问：问题\n段：\n（无）\n查：\n（无）\n数：（无）");
  });

  it("keeps the passage text within the character budget, shortening the last one shown", () => {
    const long = "教".repeat(300);
    const prompt = buildGroundedPrompt({ question: "问题", passages: [passage("a", long), passage("b", long), passage("c", long)], lookups: [], requiredFigures: [] }, prompts, 500);
    expect(prompt.passages.map((shown) => shown.label)).toEqual(["P1", "P2"]);
    expect(prompt.passages[1]!.shown.endsWith("……")).toBe(true);
    const shownText = prompt.passages.map((shown) => shown.shown.split("\n")[1]!).join("");
    expect(shownText.length).toBeLessThanOrEqual(500);
  });

  it("always shows the first passage, skips duplicates and empty passages", () => {
    const prompt = buildGroundedPrompt({ question: "问题", passages: [passage("a", "甲".repeat(100)), passage("a", "甲"), passage("e", "  "), passage("b", "乙")], lookups: [], requiredFigures: [] }, prompts, 10);
    expect(prompt.passages).toHaveLength(1);
    expect(prompt.passages[0]!.shown).toContain("甲甲甲");
  });
});
