import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readHeading } from "./heading-grammar.js";
import { parsePlan } from "./parse-plan.js";
import type { Plan } from "./plan-types.js";

const seedText = readFileSync(new URL("../../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");
const secondText = readFileSync(new URL("../../test/fixtures/second-plan.txt", import.meta.url), "utf8");
const excerptText = readFileSync(new URL("../../test/fixtures/plan-excerpt.txt", import.meta.url), "utf8");

const plan = parsePlan("liangping-education-plan-2021-2025", seedText);
const second = parsePlan("second-plan", secondText);

const strip = (text: string) => text.replace(/\s+/g, "");
const firstClause = (text: string) => text.split(/[，。]/)[0];
const chapter = (source: Plan, label: string) => source.chapters.find((candidate) => candidate.label === label)!;
const section = (source: Plan, chapterLabel: string, label: string) => chapter(source, chapterLabel).sections.find((candidate) => candidate.label === label)!;
const outline = (source: Plan) =>
  source.parts.map((part) => ({
    part: `${part.label} ${part.title}`,
    chapters: part.chapters.map((node) => `${node.label} ${node.title}`),
  }));

describe("parsePlan on the Liangping plan", () => {
  it("reads the document metadata from the notice", () => {
    expect(plan.doc).toBe("liangping-education-plan-2021-2025");
    expect(plan.metadata).toMatchObject({
      title: "重庆市梁平区教育事业发展“十四五”规划（2021—2025年）",
      issuer: "重庆市梁平区人民政府",
      documentNumber: "梁平府发〔2021〕17号",
      date: "2021年12月24日",
      isoDate: "2021-12-24",
      district: "梁平区",
      period: { from: 2021, to: 2025 },
    });
    expect(plan.warnings).toEqual([]);
  });

  it("keeps the notice in the preamble, its 《title》 re-joined across the line break", () => {
    expect(plan.preamble.map((paragraph) => paragraph.text).slice(0, 3)).toEqual([
      "梁平府发〔2021〕17号",
      "重庆市梁平区人民政府",
      "关于印发《重庆市梁平区教育事业发展“十四五”规划（2021—2025年）》的通知",
    ]);
    for (const paragraph of plan.preamble) {
      expect(paragraph.location).toMatchObject({ part: null, chapter: null, section: null, box: null, table: null });
    }
  });

  it("finds 4 篇 with their 17 章 in order", () => {
    expect(outline(plan)).toEqual([
      { part: "第一篇 发展环境", chapters: ["第一章 “十三五”发展成就", "第二章 “十四五”发展形势"] },
      { part: "第二篇 总体思路", chapters: ["第三章 指导思想", "第四章 基本原则", "第五章 发展目标"] },
      {
        part: "第三篇 主要任务",
        chapters: [
          "第六章 落实立德树人根本任务",
          "第七章 提高基础教育水平",
          "第八章 高质量发展职业教育",
          "第九章 构建终身教育制度体系",
          "第十章 提升教育发展基础能力",
          "第十一章 提升教师队伍水平",
          "第十二章 提升教育信息化水平",
          "第十三章 推动教育合作交流",
          "第十四章 深化教育领域综合改革",
        ],
      },
      { part: "第四篇 保障措施", chapters: ["第十五章 加强组织领导", "第十六章 强化经费保障", "第十七章 构建规划落实机制"] },
    ]);
    expect(plan.parts.map((part) => part.ordinal)).toEqual([1, 2, 3, 4]);
    expect(plan.chapters.map((node) => node.ordinal)).toEqual(Array.from({ length: 17 }, (_, index) => index + 1));
    expect(plan.chapters).toEqual(plan.parts.flatMap((part) => part.chapters));
  });

  it("finds 52 节, numbered from 第一节 inside each 章; 第三 to 第五章 have none", () => {
    expect(plan.chapters.map((node) => node.sections.length)).toEqual([5, 2, 0, 0, 0, 5, 6, 3, 2, 4, 5, 4, 2, 4, 3, 3, 4]);
    expect(plan.chapters.flatMap((node) => node.sections)).toHaveLength(52);
    for (const node of plan.chapters) {
      expect(node.sections.map((child) => child.ordinal)).toEqual(node.sections.map((_, index) => index + 1));
      expect(node.sections.map((child) => child.label)).toEqual(node.sections.map((child) => `第${"一二三四五六"[child.ordinal - 1]}节`));
    }
  });

  it("reads section titles exactly as written", () => {
    const titles = (label: string) => chapter(plan, label).sections.map((child) => `${child.label} ${child.title}`);
    expect(titles("第一章")).toEqual([
      "第一节 党的领导不断加强",
      "第二节 教育改革不断深入",
      "第三节 教育资源不断优化",
      "第四节 教育质量不断提高",
      "第五节 教育公平不断彰显",
    ]);
    expect(titles("第七章")).toEqual([
      "第一节 普惠优质安全发展学前教育",
      "第二节 优质均衡发展义务教育",
      "第三节 多样特色发展普通高中教育",
      "第四节 融合发展特殊教育",
      "第五节 保障困难群体受教育权利",
      "第六节 提升基础教育教科研水平",
    ]);
    expect(section(plan, "第六章", "第一节").title).toBe("学习贯彻习近平新时代中国特色社会主义思想");
    expect(section(plan, "第十章", "第二节").title).toBe("巩固拓展教育脱贫攻坚成果同乡村振兴有效衔接");
    expect(section(plan, "第十三章", "第一节").title).toBe("深入推进成渝地区双城经济圈教育一体化发展");
    expect(section(plan, "第十七章", "第四节").title).toBe("鼓励社会广泛参与规划实施");
  });

  it("locates each paragraph by its ordinal labels and a readable heading", () => {
    const paragraph = section(plan, "第七章", "第三节").paragraphs[0]!;
    expect(paragraph.location).toEqual({
      doc: "liangping-education-plan-2021-2025",
      path: [
        { label: "第三篇", title: "主要任务" },
        { label: "第七章", title: "提高基础教育水平" },
        { label: "第三节", title: "多样特色发展普通高中教育" },
      ],
      part: "第三篇",
      chapter: "第七章",
      section: "第三节",
      box: null,
      table: null,
      heading: "第三篇 主要任务 › 第七章 提高基础教育水平 › 第三节 多样特色发展普通高中教育",
    });
    expect(chapter(plan, "第四章").paragraphs.map((node) => node.location.section)).toEqual([null, null, null, null, null]);
    expect(chapter(plan, "第四章").paragraphs.map((node) => firstClause(node.text))).toEqual(["坚持党领导教育", "坚持新发展理念", "坚持以人民为中心", "坚持改革创新", "坚持系统观念"]);
  });

  it("keeps a 章's opening paragraphs before its first 节", () => {
    expect(chapter(plan, "第一章").paragraphs.map((paragraph) => firstClause(paragraph.text))).toEqual(["“十三五”时期", "全区现有各级各类学校203所（含附属幼儿园和学校分校区）、在校中小学生和在园幼儿11.82万人"]);
  });

  it("re-joins paragraphs broken across lines and blank lines", () => {
    const text = section(plan, "第六章", "第一节").paragraphs.map((paragraph) => paragraph.text);
    expect(text).toHaveLength(1);
    expect(text[0]).toContain("武装教育战线。持续学习贯彻落实");
    expect(text[0]!.startsWith("以习近平新时代中国特色社会主义思想武装教育战线。")).toBe(true);
    expect(text[0]!.endsWith("推进教育内涵发展、高质量发展。")).toBe(true);
  });

  it("splits paragraphs at line ends that close a sentence", () => {
    expect(section(plan, "第十一章", "第二节").paragraphs.map((paragraph) => paragraph.text.slice(0, 8))).toEqual(["完善教师补充渠道", "加强高层次人才引", "全面优化教师管理"]);
    expect(section(plan, "第六章", "第四节").paragraphs).toHaveLength(5);
  });

  it("links each of the nine 专栏 to the chapter it illustrates", () => {
    expect(plan.boxes.map((box) => [box.label, box.chapter])).toEqual([
      ["专栏1", "第六章"],
      ["专栏2", "第七章"],
      ["专栏3", "第八章"],
      ["专栏4", "第九章"],
      ["专栏5", "第十章"],
      ["专栏6", "第十一章"],
      ["专栏7", "第十二章"],
      ["专栏8", "第十三章"],
      ["专栏9", "第十四章"],
    ]);
    expect(plan.boxes.map((box) => box.part)).toEqual(Array(9).fill("第三篇"));
    expect(plan.boxes.map((box) => box.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const box5 = plan.boxes[4]!;
    expect(box5.location).toMatchObject({ doc: plan.doc, part: "第三篇", chapter: "第十章", section: null, box: "专栏5", table: null, heading: "专栏5（第十章 提升教育发展基础能力）" });
    expect(box5.paragraphs[0]!.text.startsWith("城区续建东城幼儿园、双桂幼儿园和福德学校")).toBe(true);
  });

  it("keeps each numbered item of 专栏2 as its own paragraph", () => {
    expect(plan.boxes[1]!.paragraphs.map((paragraph) => paragraph.text.slice(0, 2))).toEqual(["1.", "2.", "3.", "4.", "5."]);
  });

  it("reads the indicator table inside 第五章 and does not leak its cells into paragraphs", () => {
    expect(plan.tables).toHaveLength(1);
    const table = plan.tables[0]!;
    expect(table.title).toBe("梁平区教育事业发展“十四五”规划指标体系表");
    expect(table.rows).toHaveLength(15);
    expect(table.location).toMatchObject({ part: "第二篇", chapter: "第五章", section: null, table: table.title });
    expect(table.location.heading).toBe("第二篇 总体思路 › 第五章 发展目标 › 梁平区教育事业发展“十四五”规划指标体系表");
    const goals = chapter(plan, "第五章").paragraphs.map((paragraph) => paragraph.text);
    expect(goals.at(-1)!.startsWith("到2035年，总体实现教育现代化")).toBe(true);
    expect(goals.some((text) => /预期性|约束性|^\d/.test(text))).toBe(false);
  });

  it("attaches the print line to no paragraph", () => {
    expect(plan.paragraphs.some((paragraph) => paragraph.text.includes("印发") && paragraph.text.includes("办公室"))).toBe(false);
  });

  it("quotes every paragraph verbatim from the plan (whitespace aside)", () => {
    const source = strip(seedText);
    expect(plan.paragraphs.length).toBeGreaterThan(80);
    for (const paragraph of plan.paragraphs) expect(source.includes(strip(paragraph.text)), paragraph.text).toBe(true);
  });

  it("loses no prose line: every text line of the seed sits inside some paragraph", () => {
    const paragraphs = plan.paragraphs.map((paragraph) => paragraph.text);
    const lines = seedText.split("\n").map((line) => line.trim());
    const tableStart = lines.findIndex((line) => line.endsWith("指标体系表"));
    const tableEnd = lines.findIndex((line) => line.startsWith("到2035年"));
    const tableLines = new Set(lines.slice(tableStart, tableEnd));
    expect(tableEnd - tableStart).toBeGreaterThan(100);
    const proseLines = lines.filter((line) => line.length > 0 && !readHeading(line) && !/^专栏\d+$/.test(line) && !/印发$/.test(line) && !tableLines.has(line));
    expect(proseLines.length).toBeGreaterThan(100);
    for (const line of proseLines) expect(paragraphs.some((text) => strip(text).includes(strip(line))), line).toBe(true);
  });

  it("gives every paragraph a unique id, in document order with the boxes last", () => {
    const ids = plan.paragraphs.map((paragraph) => paragraph.id);
    expect(new Set(ids).size).toBe(ids.length);
    const firstBox = plan.paragraphs.findIndex((paragraph) => paragraph.location.box !== null);
    expect(plan.paragraphs.slice(firstBox).every((paragraph) => paragraph.location.box !== null)).toBe(true);
    expect(plan.paragraphs.slice(firstBox)).toHaveLength(plan.boxes.reduce((sum, box) => sum + box.paragraphs.length, 0));
  });
});

describe("parsePlan on the excerpt", () => {
  const excerpt = parsePlan("excerpt", excerptText);

  it("reads the same metadata, the 篇/章 present and the two boxes", () => {
    expect(excerpt.metadata).toEqual(plan.metadata);
    expect(outline(excerpt)).toEqual([
      { part: "第一篇 发展环境", chapters: ["第一章 “十三五”发展成就"] },
      { part: "第二篇 总体思路", chapters: ["第五章 发展目标"] },
    ]);
    expect(chapter(excerpt, "第一章").sections.map((child) => child.label)).toEqual(["第一节", "第三节"]);
    expect(excerpt.boxes.map((box) => [box.label, box.paragraphs.length])).toEqual([["专栏2", 5], ["专栏6", 1]]);
    expect(excerpt.tables[0]!.rows).toEqual(plan.tables[0]!.rows.map((row) => ({ ...row, id: row.id.replace(plan.doc, "excerpt"), doc: "excerpt", location: { ...row.location, doc: "excerpt" } })));
  });
});

describe("parsePlan on a second plan with other headings and another table layout", () => {
  it("reads its own metadata", () => {
    expect(second.metadata).toMatchObject({
      title: "云溪县教育事业发展“十四五”规划（2021—2025年）",
      issuer: "云溪县人民政府",
      documentNumber: "云溪府发〔2022〕5号",
      date: "2022年3月18日",
      isoDate: "2022-03-18",
      district: "云溪县",
      period: { from: 2021, to: 2025 },
    });
    expect(second.warnings).toEqual([]);
  });

  it("reads its outline: 3 篇, 7 章, 10 节, two 章 without 节", () => {
    expect(outline(second)).toEqual([
      { part: "第一篇 发展基础", chapters: ["第一章 “十三五”主要成绩", "第二章 发展目标"] },
      {
        part: "第二篇 主要任务",
        chapters: ["第三章 推进学前教育普惠发展", "第四章 促进义务教育优质均衡", "第五章 推动高中阶段教育多样化发展", "第六章 建设高素质专业化教师队伍"],
      },
      { part: "第三篇 保障措施", chapters: ["第七章 强化组织和经费保障"] },
    ]);
    expect(second.chapters.map((node) => node.sections.length)).toEqual([2, 0, 2, 2, 2, 2, 0]);
    expect(section(second, "第六章", "第二节").title).toBe("补充和培训教师");
    expect(section(second, "第四章", "第二节").title).toBe("落实“双减”工作");
  });

  it("keeps the paragraphs of a 章 without 节 on both sides of its table", () => {
    expect(chapter(second, "第二章").paragraphs.map((paragraph) => paragraph.text)).toEqual([
      "到2025年，全县教育现代化水平明显提升，学前教育普及普惠、义务教育优质均衡、高中阶段教育多样化发展的格局基本形成。",
      "到2035年，全县基本实现教育现代化。",
    ]);
    expect(chapter(second, "第七章").paragraphs).toHaveLength(2);
  });

  it("re-joins its broken lines, also across a blank line inside a sentence", () => {
    expect(section(second, "第一章", "第一节").paragraphs.map((paragraph) => paragraph.text)).toEqual(["“十三五”期间，全县累计投入教育资金21.6亿元，新建学校6所、改扩建学校23所，新增学位0.92万个。"]);
    expect(section(second, "第一章", "第二节").paragraphs.map((paragraph) => paragraph.text)).toEqual(["学前三年毛入园率达到91.5%，九年义务教育巩固率达到95.6%，高中阶段毛入学率达到93.4%。"]);
  });

  it("links its titled boxes to 第三章, 第四章 and 第六章, skipping 第五章", () => {
    expect(second.boxes.map((box) => [box.label, box.title, box.chapter, box.part])).toEqual([
      ["专栏1", "学前教育普惠扩容工程", "第三章", "第二篇"],
      ["专栏2", "义务教育优质均衡工程", "第四章", "第二篇"],
      ["专栏3", "教师队伍建设工程", "第六章", "第二篇"],
    ]);
    expect(second.boxes[2]!.location.heading).toBe("专栏3 教师队伍建设工程（第六章 建设高素质专业化教师队伍）");
  });

  it("reads its row-per-line table under 第二章", () => {
    const table = second.tables[0]!;
    expect(table.title).toBe("云溪县“十四五”教育事业发展主要指标表");
    expect(table.years).toEqual(["2020", "2023", "2025"]);
    expect(table.rows.map((row) => row.name)).toEqual([
      "学前三年毛入园率",
      "普惠性幼儿园覆盖率",
      "在校学生数",
      "小学",
      "初中",
      "九年义务教育巩固率",
      "儿童青少年总体近视率",
      "高中阶段毛入学率",
      "普通高中在校学生数",
      "专任教师本科及以上学历比例",
      "财政性教育经费占一般公共预算支出比例",
    ]);
    expect(table.location).toMatchObject({ doc: "second-plan", part: "第一篇", chapter: "第二章", section: null, table: table.title });
  });

  it("quotes every paragraph verbatim", () => {
    const source = strip(secondText);
    for (const paragraph of second.paragraphs) expect(source.includes(strip(paragraph.text)), paragraph.text).toBe(true);
  });

  it("parses a CRLF copy exactly like the LF original", () => {
    expect(parsePlan("second-plan", secondText.replace(/\n/g, "\r\n"))).toEqual(second);
  });
});

describe("parsePlan on odd input", () => {
  it("keeps a text without headings as flat preamble paragraphs, with a warning", () => {
    const flat = parsePlan("notes", "会议纪要\n\n加快学校建设。\n补充教师120名。\n");
    expect(flat.parts).toEqual([]);
    expect(flat.chapters).toEqual([]);
    expect(flat.preamble.map((paragraph) => paragraph.text)).toEqual(["会议纪要", "加快学校建设。", "补充教师120名。"]);
    expect(flat.warnings).toEqual(["notes: no headings recognised; the text is indexed as flat paragraphs"]);
  });

  it("re-joins broken lines of a text without headings, like the body of a plan", () => {
    const flat = parsePlan("memo", "关于教师队伍建设的说明。\n今年补充新教师\n120名，其中农村教师\n\n80名。\n开展全员培训。\n");
    expect(flat.preamble.map((paragraph) => paragraph.text)).toEqual(["关于教师队伍建设的说明。", "今年补充新教师120名，其中农村教师80名。", "开展全员培训。"]);
  });

  it("gives chapters without any 篇 an unlabelled root part", () => {
    const flat = parsePlan("chapters-only", "某县教育规划\n第一章  总体要求\n坚持优先发展。\n第二章  主要任务\n第一节  学前教育\n新建幼儿园2所。\n");
    expect(flat.parts.map((part) => [part.label, part.chapters.map((node) => node.label)])).toEqual([["", ["第一章", "第二章"]]]);
    expect(flat.chapters[1]!.sections[0]!.paragraphs[0]!.location).toMatchObject({ part: null, chapter: "第二章", section: "第一节", heading: "第二章 主要任务 › 第一节 学前教育" });
  });

  it("never throws and quotes verbatim for any mix of plan-like lines", () => {
    const lineArbitrary = fc.oneof(
      fc.constantFrom("", "   ", "第一篇  发展基础", "第二章  主要任务", "第三节  教师队伍", "专栏1", "专栏2  重点工程", "某县人民政府办公室    2022年1月5日印发", "主要指标表"),
      fc.constantFrom("新建幼儿园2所，", "改扩建小学", "3所。", "“双减”", "政策落地。", "其中：", "（2021—2025年）", "《规划", "》的通知"),
      fc.string({ unit: fc.constantFrom("教", "育", "，", "。", "1", "%", "（", "）", "\t", " ", "|", "≥"), maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(lineArbitrary, { maxLength: 40 }), (lines) => {
        const text = lines.join("\n");
        const parsed = parsePlan("random", text);
        const source = strip(text);
        for (const paragraph of parsed.paragraphs) expect(source.includes(strip(paragraph.text))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("parsePlan on a table cut by a stray line", () => {
  it("reports that the table stops early while its cells go on", () => {
    const broken = seedText.replace("\t普通初中\n", "本表数据来源于区教委统计年报（续表见下页）。\n\t普通初中\n");
    const cut = parsePlan("cut", broken);
    expect(cut.tables[0]!.rows.length).toBeLessThan(15);
    expect(cut.warnings.some((warning) => /stops after \d+ rows, but table cells follow/.test(warning))).toBe(true);
  });
});

describe("source breaks: where a page number was removed inside a paragraph", () => {
  it("records the offset, and a paragraph found whole has none", async () => {
    const { sourceBreaks } = await import("./parse-plan.js");
    const source = ["开展“早期投资", "支持产业科技创新”专项工作，依托科创属性判定和科创板", "11", "上市培育机制，引导社会资本投早。"].join("");
    const text = "开展“早期投资支持产业科技创新”专项工作，依托科创属性判定和科创板上市培育机制，引导社会资本投早。";
    expect(sourceBreaks(text, source)).toEqual([text.indexOf("上市培育机制")]);
    expect(sourceBreaks("依托科创属性判定和科创板", source)).toEqual([]);
  });

  it("marks the paragraph of a PDF-extracted plan whose sentence runs over a page number", () => {
    const text = readFileSync(new URL("../../test/fixtures/corpus/national-smart-health-elderly-2021-2025.txt", import.meta.url), "utf8");
    const plan = parsePlan("elderly", text);
    const paragraph = plan.paragraphs.find((candidate) => candidate.text.includes("依托科创属性判定和科创板上市培育机制"))!;
    expect(paragraph.breaks).toContain(paragraph.text.indexOf("上市培育机制"));
    // A heading printed over a page number gets its breaks too.
    const heading = plan.outline.find((node) => node.label === "六、")!;
    expect(heading.title).toBe("推动智能产品适老化设计，提升老年人智能技术运用能力");
    expect(heading.titleBreaks).toEqual([heading.title.indexOf("用能力")]);
    expect(plan.outline.find((node) => node.label === "五、")!.titleBreaks).toBeUndefined();
  });
});
