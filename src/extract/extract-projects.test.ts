import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../parse/parse-plan.js";
import { extractProjects, type ProjectMention } from "./extract-projects.js";

const seedText = readFileSync(new URL("../../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");
const secondText = readFileSync(new URL("../../test/fixtures/second-plan.txt", import.meta.url), "utf8");
const plan = parsePlan("liangping", seedText);
const projects = extractProjects(plan);

const place = (mention: ProjectMention) => mention.location.box ?? `${mention.location.chapter}${mention.location.section ?? ""}`;
const summary = (mentions: readonly ProjectMention[]) => mentions.map((mention) => [mention.name, mention.action, place(mention)]);

describe("extractProjects on the Liangping plan", () => {
  it("finds 都梁中学 as 新建 in 专栏5 and as 建成 in 第七章第三节", () => {
    expect(summary(projects.filter((mention) => mention.name === "都梁中学"))).toEqual([
      ["都梁中学", "建成", "第七章第三节"],
      ["都梁中学", "新建", "专栏5"],
    ]);
    const built = projects.find((mention) => mention.name === "都梁中学" && mention.action === "建成")!;
    expect(built.sentence).toBe("建成都梁中学，优化整合部分高中教育资源；");
    expect(built.location.heading).toBe("第三篇 主要任务 › 第七章 提高基础教育水平 › 第三节 多样特色发展普通高中教育");
  });

  it("reads every named project of 专栏5 with its action, the list split at 、 and 和", () => {
    expect(summary(projects.filter((mention) => mention.location.box === "专栏5"))).toEqual([
      ["东城幼儿园", "续建", "专栏5"],
      ["双桂幼儿园", "续建", "专栏5"],
      ["福德学校", "续建", "专栏5"],
      ["都梁幼儿园", "新建", "专栏5"],
      ["都梁小学", "新建", "专栏5"],
      ["都梁中学", "新建", "专栏5"],
      ["龙滩小学", "迁建", "专栏5"],
      ["力帆小学", "改扩建", "专栏5"],
      ["紫竹小学", "改扩建", "专栏5"],
      ["合兴小学", "改扩建", "专栏5"],
      ["梁山初中", "改扩建", "专栏5"],
      ["双桂初中", "改扩建", "专栏5"],
      ["职教中心", "改扩建", "专栏5"],
    ]);
    expect(projects.find((mention) => mention.name === "东城幼儿园")!.area).toBe("城区");
  });

  it("finds 职教中心 改扩建 also in the prose of 第十章第一节", () => {
    expect(summary(projects.filter((mention) => mention.name === "职教中心"))).toEqual([
      ["职教中心", "改扩建", "第十章第一节"],
      ["职教中心", "改扩建", "专栏5"],
    ]);
  });

  it("keeps generic institutions out: 公办幼儿园, 中心幼儿园, 小区配套幼儿园, 一贯制学校", () => {
    const names = new Set(projects.map((mention) => mention.name));
    for (const generic of ["公办幼儿园", "中心幼儿园", "小区配套幼儿园", "配套幼儿园", "幼儿园", "小学", "一贯制学校", "高完中", "学校"]) expect(names.has(generic), generic).toBe(false);
    for (const mention of projects) expect(mention.name).not.toMatch(/\d|建设|发展|推进/);
  });

  it("quotes the sentence verbatim from its paragraph", () => {
    const paragraphs = plan.paragraphs.map((paragraph) => paragraph.text);
    expect(projects.length).toBeGreaterThan(20);
    for (const mention of projects) {
      expect(paragraphs.some((text) => text.includes(mention.sentence))).toBe(true);
      expect(mention.sentence.includes(mention.name)).toBe(true);
    }
  });
});

describe("extractProjects on the second plan", () => {
  it("finds its own named projects and no generic ones", () => {
    const mentions = extractProjects(parsePlan("second-plan", secondText));
    expect(summary(mentions)).toEqual([
      ["城北小学", "新建", "第四章第一节"],
      ["河口初中", "迁建", "第四章第一节"],
      ["滨江学校", "续建", "第四章第一节"],
      ["云溪中学", "改扩建", "第五章第一节"],
      ["城东幼儿园", "新建", "专栏1"],
      ["桂花幼儿园", "新建", "专栏1"],
      ["城北小学", "新建", "专栏2"],
      ["河口初中", "迁建", "专栏2"],
      ["滨江学校", "续建", "专栏2"],
    ]);
  });
});
