import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { SPECIAL_EDUCATION_CITATION } from "../../../test/fakes/fake-assistant.js";
import { SLACK_LIMITS } from "./slack-limits.js";
import { buildSourceMessage, buildSourceModal } from "./source-view.js";

const text = "实施第三期特殊教育提升计划，把学前段特殊教育发展纳入学前教育发展计划。加强普特结合，推进融合教育发展。";

describe("source views", () => {
  it("puts the full section in a modal under its label", () => {
    const modal = buildSourceModal(SPECIAL_EDUCATION_CITATION, text);
    expect(modal.type).toBe("modal");
    expect(modal.title.text.length).toBeLessThanOrEqual(SLACK_LIMITS.modalTitle);
    expect(JSON.stringify(modal.blocks)).toContain("第三篇 主要任务 › 第七章 提高基础教育水平 › 第四节 融合发展特殊教育");
    expect(JSON.stringify(modal.blocks)).toContain(text);
  });

  it("splits a long section and stays within the block limits", () => {
    const long = text.repeat(5_000);
    const modal = buildSourceModal(SPECIAL_EDUCATION_CITATION, long);
    expect(modal.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.viewBlocks);
    const message = buildSourceMessage(SPECIAL_EDUCATION_CITATION, long);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    for (const block of [...modal.blocks, ...message.blocks] as types.KnownBlock[]) if (block.type === "section") expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(JSON.stringify(message.blocks)).toContain("原文较长");
    expect(message.text).toContain("原文");
  });
});
