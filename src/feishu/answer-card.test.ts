import { expect, it } from "vitest";
import { BOX_CITATION, EXAMPLES, TABLE_CITATION } from "../../test/fakes/fake-assistant.js";
import type { Answer } from "../answer/answer-schema.js";
import { buildAnswerCard, buildSourceCard, cardActionValueSchema } from "./answer-card.js";

const answer: Answer = { question: "2025年学前三年毛入园率目标是多少？", intent: "indicator", found: true, answer: "2025年学前三年毛入园率目标为≥94.0%。", citations: [TABLE_CITATION, BOX_CITATION, { ...TABLE_CITATION }], generator: "extractive" };

it("builds a card with the answer, a note per cited place, 查看原文 and feedback buttons whose values parse back", () => {
  const card = buildAnswerCard(answer, { answerKey: "key1", examples: EXAMPLES }) as { config: { update_multi: boolean }; elements: { tag: string; content?: string; elements?: { content: string }[]; actions?: { text: { content: string }; value: unknown }[] }[] };
  expect(card.config.update_multi).toBe(true);
  expect(card.elements[0]).toEqual({ tag: "markdown", content: "2025年学前三年毛入园率目标为≥94.0%。" });
  const notes = card.elements.filter((element) => element.tag === "note").map((element) => element.elements?.[0]?.content);
  expect(notes).toEqual(["📄 指标表 · 梁平区教育事业发展“十四五”规划指标体系表：“学前三年毛入园率（%） 92 92.8 ≥94.0 预期性”", "📄 专栏2（第七章）：“学前三年毛入园率达94﹪以上”"]);
  const [sources, feedback] = card.elements.filter((element) => element.tag === "action");
  expect(sources?.actions?.map((button) => button.text.content)).toEqual(["📖 查看原文 · 指标表", "📖 查看原文 · 专栏2"]);
  expect(feedback?.actions?.map((button) => button.text.content)).toEqual(["👍 有帮助", "👎 没帮助", "数字有误"]);
  for (const button of [...(sources?.actions ?? []), ...(feedback?.actions ?? [])]) expect(cardActionValueSchema.safeParse(button.value).success).toBe(true);
  expect(feedback?.actions?.[2]?.value).toEqual({ action: "feedback", kind: "wrong_figure", key: "key1", question: "2025年学前三年毛入园率目标是多少？" });
});

it("shows the full text of a section, cut when very long", () => {
  const card = buildSourceCard(BOX_CITATION, "很长的原文".repeat(2_000)) as { elements: { tag: string; text?: { content: string } }[] };
  const body = card.elements.find((element) => element.tag === "div")?.text?.content ?? "";
  expect(body.endsWith("…（原文较长，已截断）")).toBe(true);
  expect(Array.from(body).length).toBeLessThan(6_100);
});
