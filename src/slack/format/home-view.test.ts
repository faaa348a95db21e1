import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { EXAMPLES, PLAN } from "../../../test/fakes/fake-assistant.js";
import type { Plan } from "../../parse/plan-types.js";
import { buildHomeView } from "./home-view.js";
import { SLACK_LIMITS } from "./slack-limits.js";

function texts(blocks: readonly unknown[]): string {
  return JSON.stringify(blocks);
}

describe("buildHomeView", () => {
  it("shows what the plan is, its outline, its indicators and example questions", () => {
    const view = buildHomeView([PLAN], EXAMPLES, "/plan");
    expect(view.type).toBe("home");
    const text = texts(view.blocks);
    for (const expected of [
      "重庆市梁平区教育事业发展“十四五”规划（2021—2025年）",
      "文号：梁平府发〔2021〕17号",
      "日期：2021年12月24日",
      "*第二篇 总体思路*",
      "　第五章 发展目标",
      "*第三篇 主要任务*",
      "　第八章 高质量发展职业教育",
      "专栏2 基础教育提质工程",
      "指标一览 · 梁平区教育事业发展“十四五”规划指标体系表",
      "_学前教育_",
      "• 普惠性幼儿园在园幼儿占比（%）：2020年 96.34｜2022年 94.3｜2025年 ≥94.5（约束性）",
      "*职责分工*",
      "• 特殊教育由谁负责推进？",
      "`/plan 问题`",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("stays within 100 blocks and 3,000 characters per section for a large plan", () => {
    const rows = Array.from({ length: 3_000 }, (_, index) => ({ ...PLAN.tables[0]!.rows[0]!, id: `row-${index}`, category: `类别${index % 7}`, name: `指标${index}（%）` }));
    const chapters = Array.from({ length: 60 }, (_, index) => ({ ...PLAN.chapters[0]!, label: `第${index + 1}章`, title: "很长的章标题".repeat(5) }));
    const big: Plan = {
      ...PLAN,
      parts: Array.from({ length: 60 }, (_, index) => ({ ...PLAN.parts[0]!, label: `第${index + 1}篇`, chapters })),
      tables: [{ ...PLAN.tables[0]!, rows }],
    };
    const view = buildHomeView([big, big], EXAMPLES, "/plan");
    expect(view.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.viewBlocks);
    for (const block of view.blocks as types.KnownBlock[]) if (block.type === "section") expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(texts(view.blocks)).toContain("内容较多");
  });

  it("adds the unit to an indicator name that does not carry it", () => {
    const row = { ...PLAN.tables[0]!.rows[0]!, name: "学前三年毛入园率", unit: "%" };
    const view = buildHomeView([{ ...PLAN, tables: [{ ...PLAN.tables[0]!, rows: [row] }] }], EXAMPLES, "/plan");
    expect(texts(view.blocks)).toContain("• 学前三年毛入园率（%）：2020年 92｜2022年 92.8｜2025年 ≥94.0（预期性）");
  });

  it("copes with missing metadata and a plan without 篇", () => {
    const bare: Plan = { ...PLAN, metadata: { ...PLAN.metadata, documentNumber: null, date: null, issuer: null, period: null }, parts: [], boxes: [], tables: [] };
    const view = buildHomeView([bare], { indicator: [], fact: [], responsibility: [], project: [], overview: [], general: [] }, "/plan");
    const text = texts(view.blocks);
    expect(text).not.toContain("文号");
    expect(text).toContain("第七章 提高基础教育水平");
    expect(text).not.toContain("可以这样问");
  });
});
