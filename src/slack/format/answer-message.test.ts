import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../answer/answer-schema.js";
import { BOX_CITATION, EXAMPLES, SPECIAL_EDUCATION_CITATION, TABLE_CITATION } from "../../../test/fakes/fake-assistant.js";
import { decodeAnswerReference, decodeCitation } from "../action-values.js";
import { buildAnswerMessage } from "./answer-message.js";
import { SLACK_LIMITS } from "./slack-limits.js";

const indicatorAnswer: Answer = {
  question: "2025年学前三年毛入园率目标是多少？",
  intent: "indicator",
  found: true,
  answer: "2025年学前三年毛入园率目标为≥94.0%（预期性）。",
  citations: [TABLE_CITATION, BOX_CITATION],
};

function sectionTexts(blocks: readonly types.KnownBlock[]): string[] {
  return blocks.flatMap((block) => (block.type === "section" && block.text ? [block.text.text] : []));
}

function buttons(blocks: readonly types.KnownBlock[]): types.Button[] {
  return blocks.flatMap((block) => (block.type === "actions" ? (block.elements as types.Button[]) : []));
}

describe("buildAnswerMessage", () => {
  it("escapes &, < and > in the plain-text fallback, as in the blocks", () => {
    const message = buildAnswerMessage({ ...indicatorAnswer, answer: "比例>20%且<30%，<@U123>与<!channel>&其他", citations: [] }, { answerKey: "k0", examples: EXAMPLES });
    expect(message.text).toBe("比例&gt;20%且&lt;30%，&lt;@U123&gt;与&lt;!channel&gt;&amp;其他");
    expect(message.text).not.toMatch(/[<>]/);
  });

  it("shows the answer, one context line per citation, source and feedback buttons, and a text fallback", () => {
    const message = buildAnswerMessage(indicatorAnswer, { answerKey: "k1", examples: EXAMPLES });
    expect(sectionTexts(message.blocks)).toEqual(["2025年学前三年毛入园率目标为≥94.0%（预期性）。"]);
    const contexts = message.blocks.filter((block) => block.type === "context").map((block) => JSON.stringify(block));
    expect(contexts).toHaveLength(2);
    expect(contexts[0]).toContain("指标表 · 梁平区教育事业发展“十四五”规划指标体系表");
    expect(contexts[1]).toContain("专栏2（第七章）");
    expect(message.text).toBe("2025年学前三年毛入园率目标为≥94.0%（预期性）。（出处：指标表 · 梁平区教育事业发展“十四五”规划指标体系表）");

    const all = buttons(message.blocks);
    expect(all.map((button) => button.action_id)).toEqual(["plan_view_source:0", "plan_view_source:1", "plan_feedback_helpful", "plan_feedback_not_helpful", "plan_feedback_wrong_figure"]);
    expect(decodeCitation(all[1]?.value)).toEqual(BOX_CITATION);
    expect(decodeAnswerReference(all[2]?.value)).toEqual({ key: "k1", question: indicatorAnswer.question });
  });

  it("adds the question and a share button for an ephemeral slash answer; names who shared", () => {
    const ephemeral = buildAnswerMessage(indicatorAnswer, { answerKey: "k1", examples: EXAMPLES, showQuestion: true, shareButton: true });
    expect(JSON.stringify(ephemeral.blocks[0])).toContain("❓ *问*：2025年学前三年毛入园率目标是多少？");
    expect(buttons(ephemeral.blocks).at(-1)).toMatchObject({ action_id: "plan_share", style: "primary" });
    const shared = buildAnswerMessage(indicatorAnswer, { answerKey: "k2", examples: EXAMPLES, sharedBy: "W9" });
    expect(JSON.stringify(shared.blocks[0])).toContain("<@W9> 分享");
    expect(buttons(shared.blocks).map((button) => button.action_id)).not.toContain("plan_share");
  });

  it("escapes mrkdwn in plan text", () => {
    const message = buildAnswerMessage({ ...indicatorAnswer, answer: "A<B & C>D", citations: [{ ...TABLE_CITATION, quote: "<@U1>" }] }, { answerKey: "k", examples: EXAMPLES });
    expect(sectionTexts(message.blocks)[0]).toBe("A&lt;B &amp; C&gt;D");
    expect(JSON.stringify(message.blocks)).toContain("「&lt;@U1&gt;」");
  });

  it("suggests example questions of several kinds for an out-of-scope answer, without 数字有误", () => {
    const message = buildAnswerMessage({ question: "天气", intent: "out_of_scope", found: false, answer: "这个问题不在规划范围内。", citations: [] }, { answerKey: "k", examples: EXAMPLES });
    const text = sectionTexts(message.blocks).join("\n");
    expect(text).toContain("可以试试这样问");
    for (const example of ["2025年学前三年毛入园率目标是多少？", "“十三五”期间学前三年毛入园率达到多少？", "特殊教育由谁负责推进？", "专栏2有哪些重点工程？", "规划的总体目标是什么？"]) {
      expect(text).toContain(example);
    }
    expect(buttons(message.blocks).map((button) => button.action_id)).toEqual(["plan_feedback_helpful", "plan_feedback_not_helpful"]);
  });

  it("shows the cross-check notes", () => {
    const message = buildAnswerMessage({ ...indicatorAnswer, notes: ["公办幼儿园在园幼儿占比：正文为60%以上，指标表为62.0%。"] }, { answerKey: "k", examples: EXAMPLES });
    expect(JSON.stringify(message.blocks)).toContain("⚠️ 公办幼儿园在园幼儿占比：正文为60%以上，指标表为62.0%。");
  });

  it("does not repeat a note the answer text already carries", () => {
    const note = "公办幼儿园在园幼儿占比：正文为60%以上，指标表为62.0%。";
    const message = buildAnswerMessage({ ...indicatorAnswer, answer: `${indicatorAnswer.answer}注意：${note}`, notes: [note] }, { answerKey: "k", examples: EXAMPLES });
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain(note);
    expect(blocks).not.toContain(`⚠️ ${note}`);
  });

  it("keeps a very long answer within Slack's limits: sections ≤ 3,000 characters, ≤ 50 blocks, split at sentence ends, cut with a note", () => {
    const sentence = "实施第三期特殊教育提升计划，推进融合教育发展，全面普及残疾儿童少年接受义务教育&提高质量。";
    const long: Answer = { ...indicatorAnswer, answer: sentence.repeat(1_000), citations: Array.from({ length: 30 }, () => SPECIAL_EDUCATION_CITATION), notes: ["a", "b", "c", "d"] };
    const message = buildAnswerMessage(long, { answerKey: "k", examples: EXAMPLES, showQuestion: true, shareButton: true });
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    const sections = sectionTexts(message.blocks);
    expect(sections.length).toBeGreaterThan(1);
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    for (const text of sections.slice(0, -1)) expect(text.endsWith("。")).toBe(true);
    expect(sections.at(-1)).toContain("回答较长，已截断");
    expect(sections.join("").replaceAll("&amp;", "&").length).toBeLessThanOrEqual(12_100);
    expect(message.text.length).toBeLessThanOrEqual(3_000);
    expect(JSON.stringify(message.blocks)).toContain("另有 20 处出处未列出");
  });

  it("shows one 查看原文 button per cited place, at most five, labelled by place", () => {
    const sameSection = [SPECIAL_EDUCATION_CITATION, { ...SPECIAL_EDUCATION_CITATION, quote: "加强普特结合，推进融合教育发展" }];
    const single = buildAnswerMessage({ ...indicatorAnswer, citations: sameSection }, { answerKey: "k", examples: EXAMPLES });
    expect(single.blocks.filter((block) => block.type === "context")).toHaveLength(2);
    expect(buttons(single.blocks).filter((button) => button.action_id?.startsWith("plan_view_source")).map((button) => button.text.text)).toEqual(["📖 查看原文"]);

    const places = Array.from({ length: 7 }, (_, index) => ({ ...SPECIAL_EDUCATION_CITATION, section: `第${index + 1}节` }));
    const many = buildAnswerMessage({ ...indicatorAnswer, citations: [TABLE_CITATION, BOX_CITATION, ...sameSection, ...places] }, { answerKey: "k", examples: EXAMPLES });
    expect(buttons(many.blocks).filter((button) => button.action_id?.startsWith("plan_view_source")).map((button) => button.text.text)).toEqual([
      "📖 指标表",
      "📖 专栏2",
      "📖 第七章第四节",
      "📖 第七章第1节",
      "📖 第七章第2节",
    ]);
  });

  it("does not list example questions twice when the answer already names them", () => {
    const message = buildAnswerMessage(
      { question: "天气", intent: "out_of_scope", found: false, answer: "规划里没有相关内容。可以这样问：“2025年学前三年毛入园率目标是多少？”", citations: [] },
      { answerKey: "k", examples: EXAMPLES },
    );
    expect(sectionTexts(message.blocks)).toEqual(["规划里没有相关内容。可以这样问：“2025年学前三年毛入园率目标是多少？”"]);
  });

  it("keeps every button value within 2,000 characters", () => {
    const message = buildAnswerMessage({ ...indicatorAnswer, question: "问".repeat(3_000), citations: [{ ...TABLE_CITATION, quote: "引".repeat(3_000) }] }, { answerKey: "k", examples: EXAMPLES, shareButton: true });
    for (const button of buttons(message.blocks)) expect(button.value?.length ?? 0).toBeLessThanOrEqual(2_000);
  });
});
