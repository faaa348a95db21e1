import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../src/parse/parse-plan.js";
import { createOffsetLocator } from "./locate-offset.js";

const text = readFileSync(new URL("../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");
const plan = parsePlan("seed", text);
const locator = createOffsetLocator(plan, text);

/** The node cited for a 100-character chunk starting at the first occurrence of `needle`. */
function cited(needle: string) {
  const start = text.indexOf(needle);
  expect(start).toBeGreaterThanOrEqual(0);
  const { part, chapter, section, box, table } = locator.locate(start, start + 100);
  return { part, chapter, section, box, table };
}

describe("createOffsetLocator", () => {
  it("places body text in its 篇/章/节", () => {
    expect(cited("教育投入不断增长，2016年至2020年")).toEqual({ part: "第一篇", chapter: "第一章", section: "第三节", box: null, table: null });
    expect(cited("全区现有各级各类学校203所")).toEqual({ part: "第一篇", chapter: "第一章", section: null, box: null, table: null });
  });

  it("cites a chunk that opens with headings by its first body line", () => {
    expect(cited("第十六章  强化经费保障")).toEqual({ part: "第四篇", chapter: "第十六章", section: "第一节", box: null, table: null });
  });

  it("places the indicator table's rows in the table, and text after it back in its 章", () => {
    const table = plan.tables[0]!.title;
    expect(cited("学前三年毛入园率（%）")).toEqual({ part: "第二篇", chapter: "第五章", section: null, box: null, table });
    expect(cited("到2035年，总体实现教育现代化")).toEqual({ part: "第二篇", chapter: "第五章", section: null, box: null, table: null });
  });

  it("places 专栏 text in the box, in the chapter parsePlan linked it to", () => {
    const box = plan.boxes.find((candidate) => candidate.label === "专栏6")!;
    expect(cited("补充新教师600名")).toEqual({ part: box.part, chapter: box.chapter, section: null, box: "专栏6", table: null });
    expect(box.chapter).toBe("第十一章");
  });

  it("leaves the notice before the first heading outside the outline", () => {
    expect(cited("各乡镇人民政府（街道办事处）")).toEqual({ part: null, chapter: null, section: null, box: null, table: null });
  });

  it("tells when a chunk spans more than one node", () => {
    const start = text.indexOf("第二节  教育改革不断深入") - 30;
    expect(locator.crosses(start, start + 200)).toBe(true);
    const inside = text.indexOf("教育投入不断增长");
    expect(locator.crosses(inside, inside + 100)).toBe(false);
  });
});
