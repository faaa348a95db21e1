import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { citationOf } from "../answer/citation.js";
import { parsePlan } from "../parse/parse-plan.js";
import type { Plan } from "../parse/plan-types.js";
import { BOX_CITATION, DOC, PLAN, SPECIAL_EDUCATION_CITATION, TABLE_CITATION, TABLE_TITLE } from "../../test/fakes/fake-assistant.js";
import { findIndicators, indicatorRows, locationId, planDocument, planOutline, planUnit, readerLink, unitCitation } from "./plan-view.js";

describe("plan-view", () => {
  it("names a unit by its 专栏, its table or its 篇-章-节 labels, the same for a citation as for the unit it cites", () => {
    expect(locationId(SPECIAL_EDUCATION_CITATION)).toBe("第三篇-第七章-第四节");
    expect(locationId(BOX_CITATION)).toBe("专栏2");
    expect(locationId(TABLE_CITATION)).toBe(TABLE_TITLE);
    expect(locationId({ part: null, chapter: null, section: null, box: null, table: null })).toBe("正文");
    for (const citation of [SPECIAL_EDUCATION_CITATION, BOX_CITATION, TABLE_CITATION]) expect(planUnit(PLAN, locationId(citation))).not.toBeNull();
    expect(readerLink(BOX_CITATION)).toBe(`/plan/${DOC}#${encodeURIComponent("专栏2")}`);
  });

  it("lists the units in reading order: body, then 专栏, then tables, each with its path", () => {
    const document = planDocument(PLAN);
    expect(document.units.map((unit) => unit.location)).toEqual(["第二篇", "第二篇-第五章", "第三篇", "第三篇-第七章", "第三篇-第七章-第一节", "第三篇-第七章-第四节", "第三篇-第八章", "专栏2", TABLE_TITLE]);
    const section = document.units.find((unit) => unit.location === "第三篇-第七章-第四节");
    expect(section?.path).toEqual([{ label: "第三篇", title: "主要任务" }, { label: "第七章", title: "提高基础教育水平" }, { label: "第四节", title: "融合发展特殊教育" }]);
    expect(section?.kind === "text" && section.paragraphs[0]).toContain(SPECIAL_EDUCATION_CITATION.quote);
    const table = document.units.at(-1);
    expect(table?.kind === "table" && table.rows.map((row) => row.values.map((value) => value.raw))).toEqual([["92", "92.8", "≥94.0"], ["96.34", "94.3", "≥94.5"]]);
    expect(document.plan).toMatchObject({ doc: DOC, indicatorCount: 2 });
  });

  it("makes the text before the first heading the first unit, 正文, which a citation without 篇/章/节 opens", () => {
    const notice = { id: "p-0", text: "现将《规划》印发给你们，请认真贯彻执行。", index: 0, location: { doc: DOC, path: [], part: null, chapter: null, section: null, box: null, table: null, heading: "" } };
    const withPreamble: Plan = { ...PLAN, preamble: [notice] };
    const first = planDocument(withPreamble).units[0];
    expect(first).toMatchObject({ kind: "text", location: "正文", path: [], paragraphs: [notice.text] });
    expect(unitCitation(withPreamble, "正文")).toMatchObject({ doc: DOC, part: null, quote: notice.text });
  });

  it("puts the chapters of a plan without 篇 at the top of the outline", () => {
    const chapters = PLAN.parts.flatMap((part) => part.chapters);
    const flat: Plan = { ...PLAN, parts: [{ label: "", ordinal: 0, title: "", paragraphs: [], chapters, location: { ...PLAN.parts[0]!.location, part: null, heading: "" } }] };
    expect(planOutline(flat).map((node) => node.label)).toEqual(["第五章", "第七章", "第八章", "专栏2", "指标表"]);
    expect(planDocument(flat).units.some((unit) => unit.location === "正文")).toBe(false);
  });

  it("cites a unit and finds indicators by name with their table row cited", () => {
    expect(unitCitation(PLAN, "专栏2")).toMatchObject({ doc: DOC, box: "专栏2", quote: expect.stringContaining("学前三年毛入园率达94﹪以上") });
    expect(unitCitation(PLAN, "第九十九章")).toBeNull();
    const found = findIndicators([PLAN], "毛入园率");
    expect(found.map((entry) => entry.citation)).toEqual([{ ...TABLE_CITATION, path: [] }]);
    expect(found[0]?.indicator).toEqual(indicatorRows(PLAN)[0]);
    expect(findIndicators([PLAN], "普惠性幼儿园在园幼儿占比(%)")).toHaveLength(1);
    expect(findIndicators([PLAN], "毛入园率", "another-plan")).toEqual([]);
  });
});

describe("plan-view over real plans in other heading layouts (test/fixtures/corpus)", () => {
  const corpus = join(import.meta.dirname, "..", "..", "test", "fixtures", "corpus");
  const plans = readdirSync(corpus)
    .filter((file) => file.endsWith(".txt"))
    .map((file) => parsePlan(file.replace(/\.txt$/, ""), readFileSync(join(corpus, file), "utf8")));

  it("gives every unit its own id, and every paragraph's citation opens a unit that holds it", () => {
    expect(plans.length).toBeGreaterThan(5);
    for (const plan of plans) {
      const units = planDocument(plan).units;
      const ids = units.map((unit) => unit.location);
      expect(new Set(ids).size, plan.doc).toBe(ids.length);
      for (const paragraph of plan.paragraphs) {
        const unit = units.find((candidate) => candidate.location === locationId(citationOf(paragraph.location, paragraph.text)));
        expect(unit, `${plan.doc}: ${paragraph.location.heading}`).toBeDefined();
        if (unit?.kind === "text") expect(unit.paragraphs).toContain(paragraph.text);
      }
    }
  });

  it("shows the outline at every depth with the document's own labels", () => {
    const depth = (nodes: readonly { children: readonly unknown[] }[]): number => Math.max(0, ...nodes.map((node) => 1 + depth(node.children as never)));
    const deepest = Math.max(...plans.map((plan) => depth(planOutline(plan))));
    expect(deepest).toBeGreaterThanOrEqual(3);
    const labels = plans.flatMap((plan) => planOutline(plan).map((node) => node.label));
    expect(labels.some((label) => /^[一二三四五六七八九十]+、$/.test(label))).toBe(true);
    for (const plan of plans) {
      const ids = new Set(planDocument(plan).units.map((unit) => unit.location));
      const walk = (nodes: ReturnType<typeof planOutline>): void => nodes.forEach((node) => (expect(ids.has(node.location), node.location).toBe(true), walk(node.children as ReturnType<typeof planOutline>)));
      walk(planOutline(plan));
    }
  });
});
