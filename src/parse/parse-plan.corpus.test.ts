import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countsByDepth } from "../cli/outline-of.js";
import { cleanLines } from "./clean-lines.js";
import { parsePlan } from "./parse-plan.js";

// Ten real plans of other layouts (test/fixtures/corpus/SOURCES.md). Counts per heading level were
// counted in the files themselves (grep for line-initial 一、 （一） 1. （1） and 第X章), not read off the parser.
const CORPUS: readonly {
  readonly file: string;
  readonly byDepth: readonly number[];
  readonly labels: readonly string[];
  readonly boxes: number;
  readonly title: string | null;
}[] = [
  { file: "jinan-digital-pioneer-city-2021", byDepth: [3, 9, 7, 19], labels: ["一、", "（一）", "1.", "（1）"], boxes: 0, title: "加快数字化高质量发展打造数字先锋城市推进方案" },
  { file: "national-bigdata-center-opinions-2020", byDepth: [9, 21], labels: ["一、", "（一）"], boxes: 0, title: null },
  { file: "national-drug-smart-supervision-2019", byDepth: [3, 15, 12], labels: ["一、", "（一）", "1."], boxes: 14, title: null },
  { file: "national-earthquake-ai-plan-2023-2035", byDepth: [4, 16, 15], labels: ["一、", "（一）", "1."], boxes: 0, title: null },
  { file: "national-higher-ed-ai-action-2018", byDepth: [3, 11, 18], labels: ["一、", "（一）", "1."], boxes: 0, title: null },
  { file: "national-smart-forestry-2013", byDepth: [4, 17, 72], labels: ["第一章", "一、", "（一）"], boxes: 0, title: null },
  // Three 一、 headings are glued to the end of the line before them (PDF extraction): 5 at line starts + 3 glued.
  { file: "national-smart-health-elderly-2021-2025", byDepth: [8, 18], labels: ["一、", "（一）"], boxes: 3, title: "智慧健康养老产业发展行动计划（2021-2025年）" },
  { file: "qingdao-ai-education-2020", byDepth: [4, 14, 27], labels: ["一、", "（一）", "1."], boxes: 0, title: null },
  { file: "shandong-digital-action-2019", byDepth: [4, 21], labels: ["一、", "1."], boxes: 0, title: null },
  { file: "shandong-scitech-13th-2016", byDepth: [4, 17], labels: ["一、", "(一)"], boxes: 16, title: "山东省“十三五”科技创新规划" },
];

const read = (file: string) => readFileSync(new URL(`../../test/fixtures/corpus/${file}.txt`, import.meta.url), "utf8");
const strip = (text: string) => text.replace(/\s+/g, "");

describe("parsePlan on ten real plans of other layouts", () => {
  for (const expected of CORPUS) {
    describe(expected.file, () => {
      const text = read(expected.file);
      const plan = parsePlan(expected.file, text);

      it(`finds ${expected.byDepth.join("/")} headings per level and ${expected.boxes} boxes`, () => {
        expect(countsByDepth(plan)).toEqual(expected.byDepth);
        expect(plan.boxes).toHaveLength(expected.boxes);
        // The first unit of each level carries the document's own label.
        const firstByDepth: string[] = [];
        const visit = (nodes: typeof plan.outline) => nodes.forEach((node) => ((firstByDepth[node.depth - 1] ??= node.label), visit(node.children)));
        visit(plan.outline);
        expect(firstByDepth).toEqual(expected.labels);
      });

      it("keeps every paragraph verbatim (page-number lines aside) and no heading text inside a paragraph", () => {
        const source = strip(cleanLines(text).lines.join("\n"));
        for (const paragraph of plan.paragraphs) expect(source.includes(strip(paragraph.text)), paragraph.text).toBe(true);
        const titles = new Set<string>();
        const visit = (nodes: typeof plan.outline) => nodes.forEach((child) => (titles.add(`${child.label}${child.title}`), visit(child.children)));
        visit(plan.outline);
        for (const paragraph of plan.paragraphs) for (const title of titles) if (title.length >= 8) expect(paragraph.text.startsWith(title), paragraph.text).toBe(false);
      });

      it(expected.title ? `reads its own title: ${expected.title}` : "states no title in the text, so the file name stands in", () => {
        expect(plan.metadata.title).toBe(expected.title ?? expected.file);
        expect(plan.metadata.titleFromText).toBe(expected.title !== null);
      });
    });
  }

  it("cites by document labels: 三、 › （二） maps to chapter and section, a 第X章 plan keeps 一、 as section", () => {
    const bigdata = parsePlan("bigdata", read("national-bigdata-center-opinions-2020"));
    const section = bigdata.outline[3]!.children[1]!;
    expect(section.location).toMatchObject({ chapter: "四、", section: "（二）", part: null });
    expect(section.location.path.map((step) => step.label)).toEqual(["四、", "（二）"]);
    const forestry = parsePlan("forestry", read("national-smart-forestry-2013"));
    const deep = forestry.outline[0]!.children[0]!.children[1]!;
    expect(deep.location).toMatchObject({ chapter: "第一章", section: "一、" });
    expect(deep.location.path.map((step) => step.label)).toEqual(["第一章", "一、", "（二）"]);
  });

  it("reads the issuer, level and date from a sign-off line, and the period from the title", () => {
    const shandong = parsePlan("shandong", read("shandong-digital-action-2019"));
    expect(shandong.metadata).toMatchObject({ issuer: "山东省人民政府办公厅", level: "省", date: "2019年3月15日", isoDate: "2019-03-15" });
    const scitech = parsePlan("scitech", read("shandong-scitech-13th-2016"));
    expect(scitech.metadata).toMatchObject({ place: "山东省", level: "省", period: { from: 2016, to: 2020 } });
    const elderly = parsePlan("elderly", read("national-smart-health-elderly-2021-2025"));
    expect(elderly.metadata.period).toEqual({ from: 2021, to: 2025 });
    expect(elderly.warnings.some((warning) => /page-number/.test(warning))).toBe(true);
    // Page numbers never land inside a paragraph: the PDF's bare "8" between "运" and "用能力" is gone.
    expect(elderly.outline[5]!.title).toBe("推动智能产品适老化设计，提升老年人智能技术运用能力");
    expect(elderly.paragraphs.some((paragraph) => paragraph.text.includes("行为监测技术、跌倒防护技术"))).toBe(true);
  });

  it("ends a box where the next heading follows it, even glued to the box's last sentence", () => {
    const elderly = parsePlan("elderly", read("national-smart-health-elderly-2021-2025"));
    const box = elderly.boxes[0]!;
    expect(box.paragraphs.at(-1)!.text.endsWith("智能服务型机器人。")).toBe(true);
    expect(elderly.outline[2]!.title).toBe("推进平台提质升级，提升数据应用能力");
  });
});
