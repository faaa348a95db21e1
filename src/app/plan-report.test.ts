import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildKnowledge } from "../answer/knowledge.js";
import { parsePlan } from "../parse/parse-plan.js";
import { SEED_FILE } from "../../test/support/real-assistant.js";
import { paginated } from "../../test/support/seed-variants.js";
import { formatPlanReport, planReport } from "./plan-report.js";

describe("planReport", () => {
  it("counts what was understood of the seed: levels, boxes, table rows, indicators, facts, projects, bodies", () => {
    const plan = parsePlan("seed", readFileSync(SEED_FILE, "utf8"));
    const report = planReport(plan, buildKnowledge([plan]));
    expect(report.counts.levels).toEqual([{ label: "第一篇", count: 4 }, { label: "第一章", count: 17 }, { label: "第一节", count: 52 }]);
    expect(report.counts.boxes).toBe(9);
    expect(report.counts.tables).toEqual([{ title: "梁平区教育事业发展“十四五”规划指标体系表", rows: 15 }]);
    expect(report.counts.indicators).toBe(15);
    expect(report.counts.facts).toBeGreaterThan(100);
    expect(report.counts.projects).toBeGreaterThan(10);
    expect(report.counts.bodies).toBeGreaterThan(5);
    expect(report.warnings).toEqual([]);
    expect(formatPlanReport(report)).toContain("结构：第一篇级4、第一章级17、第一节级52；专栏9个");
  });

  it("warns about what was cleaned away and what is missing", () => {
    const plan = parsePlan("paged", paginated(readFileSync(SEED_FILE, "utf8")));
    expect(planReport(plan, buildKnowledge([plan])).warnings.some((warning) => /page-number lines removed/.test(warning))).toBe(true);
    const untitled = parsePlan("notes", "一、总体要求\n加快建设。\n二、保障措施\n加强领导。\n");
    const report = planReport(untitled, buildKnowledge([untitled]));
    expect(report.warnings).toContain("no title line found in the text: the file name stands in for the title");
    expect(report.counts.levels).toEqual([{ label: "一、", count: 2 }]);
  });
});
