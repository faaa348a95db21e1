import { expect, it } from "vitest";
import { EXAMPLES, TABLE_CITATION } from "../../test/fakes/fake-assistant.js";
import type { Answer } from "../answer/answer-schema.js";
import { formatAnswerMarkdown, formatTextMarkdown } from "./format-markdown.js";

const answer: Answer = {
  question: "2025年学前三年毛入园率目标是多少？",
  intent: "indicator",
  found: true,
  answer: "2025年学前三年毛入园率目标为≥94.0%。",
  citations: [TABLE_CITATION, { ...TABLE_CITATION }],
  notes: ["规划两处写法不同：#1 与 #2"],
  generator: "extractive",
};

it("writes the answer, one line per cited place with its quote, and the notes", () => {
  const { title, text } = formatAnswerMarkdown(answer, EXAMPLES);
  expect(title).toBe("2025年学前三年毛入园率目标为≥94.0%。");
  expect(text).toBe(
    [
      "2025年学前三年毛入园率目标为≥94.0%。",
      "**出处**\n\n- **指标表 · 梁平区教育事业发展“十四五”规划指标体系表**：“学前三年毛入园率（%） 92 92.8 ≥94.0 预期性”",
      "> ⚠️ 规划两处写法不同：#1 与 #2",
    ].join("\n\n"),
  );
});

it("suggests example questions when the plan does not answer, and keeps a leading # from becoming a heading", () => {
  const { text } = formatAnswerMarkdown({ ...answer, intent: "out_of_scope", found: false, answer: "抱歉，这个问题不在规划范围内。", citations: [], notes: [] }, EXAMPLES);
  expect(text).toContain("**可以这样问**\n\n- 2025年学前三年毛入园率目标是多少？");
  expect(formatTextMarkdown("# 标题").text).toBe("＃ 标题");
  expect(formatTextMarkdown("很长".repeat(20)).title).toHaveLength(25);
});
