import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAssistant } from "../app/create-assistant.js";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../parse/parse-plan.js";
import { createJiebaSegmenter } from "../segment/jieba-segmenter.js";
import { analyzeQuestion } from "./analyze-question.js";
import { answerOverview, describePlan } from "./answer-overview.js";

const read = (file: string) => readFileSync(new URL(`../../test/fixtures/corpus/${file}.txt`, import.meta.url), "utf8");

/** answerOverview on one corpus plan, the question read with the default segmenter. */
function overviewOf(file: string, question: string) {
  const segmenter = createJiebaSegmenter();
  return answerOverview(analyzeQuestion(question, segmenter), parsePlan(file, read(file)), segmenter);
}

describe("describePlan", () => {
  it("counts only the levels a plan has, in its own words, and names an untitled file as such", () => {
    const forestry = describePlan(parsePlan("national-smart-forestry-2013", read("national-smart-forestry-2013")));
    expect(forestry.answer).toContain("正文未写明标题的文件（national-smart-forestry-2013）");
    expect(forestry.answer).toContain("全文4章（下设17个小标题）。");
    expect(forestry.answer).toContain("结构：第一章“智慧林业内涵与重要意义”；第二章“智慧林业总体发展思路”");
    expect(forestry.answer).not.toMatch(/0篇|0个专栏/);
  });

  it("keeps 篇、章、节 and the boxes of the seed's layout", () => {
    const seed = readFileSync(new URL("../../seeds/liangping-education-plan-2021-2025.txt", import.meta.url), "utf8");
    const answer = describePlan(parsePlan("liangping-education-plan-2021-2025", seed)).answer;
    expect(answer).toContain("全文4篇、17章、52节，另有9个专栏和一张指标体系表（15项指标，2020、2022、2025年）。");
  });
});

describe("answerOverview: a 专栏 named by its title", () => {
  it("lists the box's items by name when the question names its title and says 专栏", () => {
    const draft = overviewOf("shandong-scitech-13th-2016", "前瞻性技术专栏里列了哪些方向");
    expect(draft?.answer).toContain("专栏2“前瞻性技术”包括12项：智能制造技术；机器人技术；");
    expect(draft?.answer).toContain("储能技术。");
    expect(draft?.citations[0]).toMatchObject({ box: "专栏2" });
  });
});

describe("answerOverview: a unit named by its topic without 的/那", () => {
  it("reads 组织实施部分 as the part titled 加强组织实施 and lists its headings", () => {
    const draft = overviewOf("national-drug-smart-supervision-2019", "组织实施部分有哪些要求");
    expect(draft?.answer).toBe("三、“加强组织实施”包括5项：（一）强化组织领导；（二）加快制度建设；（三）完善工作机制；（四）实行监督考核；（五）注重人才培养。");
    // "X那一块" names a part as 部分 does; "X那块" is a filler ("数据集建设那块，具体要建哪些…").
    expect(overviewOf("shandong-digital-action-2019", "数字经济那一块主要有哪些任务，简单说说")?.answer).toBe("二、“培育富有活力的数字经济”包括6项：6.打造数字农业样板；7.推进智能制造升级；8.引领智慧服务发展；9.培育数字产业动能；10.发展智慧海洋产业；11.加快数字园区建设。");
    expect(overviewOf("national-earthquake-ai-plan-2023-2035", "数据集建设那块，具体要建哪些训练数据集啊？")?.answer ?? "").not.toMatch(/包括\d+项/);
    // "X分成几个阶段" counts the parts of the unit titled X, at any level; a long opening sentence is left out.
    expect(overviewOf("national-smart-forestry-2013", "智慧林业推进路线图分成几个阶段？")?.answer).toBe("一、“智慧林业推进路线图”包括3项：（一）基础建设阶段；（二）展开实施阶段；（三）深化应用阶段。");
    // Boxes are listed with their own titles.
    expect(overviewOf("national-smart-health-elderly-2021-2025", "计划里一共几个专栏，分别叫啥")?.answer).toMatch(/^规划共有3个专栏，列出各章的重点工程和目标：专栏一“智慧健养老产品供给工程”（二、 强化信息技术支撑，提升产品供给能力）：.*专栏二“智慧健康创新应用工程”.*专栏三“智慧养老服务推广工程”/);
    // "一部分学生" names no unit.
    expect(overviewOf("national-drug-smart-supervision-2019", "一部分学生的监管数据怎么用")?.answer ?? "").not.toMatch(/包括\d+项/);
  });
});

describe("a how/what question naming a unit's title gets the unit in order", () => {
  it("quotes 六、（二） of the elderly plan from its first sentence to 长辈模式", async () => {
    const root = mkdtempSync(join(tmpdir(), "elderly-"));
    mkdirSync(join(root, "seeds"));
    copyFileSync(new URL("../../test/fixtures/corpus/national-smart-health-elderly-2021-2025.txt", import.meta.url), join(root, "seeds", "elderly.txt"));
    const assistant = await createAssistant({ seedsDir: join(root, "seeds"), indexDir: join(root, "index") });
    const answer = await assistant.answer("互联网应用适老化改造有什么要求？", []);
    expect(answer.answer).toMatch(/^规划六、（二）“开展互联网应用适老化及无障碍改造”提出：围绕老年人获取信息的需求/);
    expect(answer.answer).toContain("“长辈模式”");
    // A sentence printed over a page break (page 11) is quoted in two verbatim pieces, never with the number.
    const raw = readFileSync(new URL("../../test/fixtures/corpus/national-smart-health-elderly-2021-2025.txt", import.meta.url), "utf8").replace(/\s+/g, "");
    const split = await assistant.answer("强化产融结合有哪些要求", []);
    expect(split.citations.map((citation) => citation.quote.slice(0, 6))).toEqual(["充分发挥工业", "上市培育机制"]);
    for (const citation of split.citations) expect(raw).toContain(citation.quote.replace(/\s+/g, ""));
    // So is a heading printed over one (六、…运 / 8 / 用能力), in an overview that lists the headings.
    const outline = await assistant.answer("这个计划分几个部分", []);
    const pieces = outline.citations.filter((citation) => citation.chapter === "六、").map((citation) => citation.quote);
    expect(pieces).toEqual(["六、  推动智能产品适老化设计，提升老年人智能技术运", "用能力"]);
    for (const citation of outline.citations) expect(raw).toContain(citation.quote.replace(/\s+/g, ""));
  }, 60_000);
});
