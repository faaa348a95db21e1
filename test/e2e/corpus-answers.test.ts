import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAssistant, type LoadedAssistant } from "../../src/app/create-assistant.js";

/** The real assistant over one real plan of another layout (test/fixtures/corpus). */
async function assistantFor(file: string): Promise<LoadedAssistant> {
  const root = mkdtempSync(join(tmpdir(), "corpus-"));
  mkdirSync(join(root, "seeds"));
  copyFileSync(new URL(`../fixtures/corpus/${file}.txt`, import.meta.url), join(root, "seeds", `${file}.txt`));
  return createAssistant({ seedsDir: join(root, "seeds"), indexDir: join(root, "index") });
}

describe("answers over plans of other layouts", () => {
  it("a national guideline: who leads a task, read from its unit list, cited by the document's labels", async () => {
    const assistant = await assistantFor("national-bigdata-center-opinions-2020");
    const answer = await assistant.answer("政务数据共享共用谁牵头？");
    expect(answer.answer).toMatch(/牵头/);
    expect(answer.citations[0]).toMatchObject({ chapter: "六、", section: "（三）" });
    // A typo of a word that stands only in a heading (错施 for 措施 of 九、保障措施) is read as it.
    const measures = await assistant.answer("保障错施主要有哪两方面？");
    expect(measures.citations[0]).toMatchObject({ chapter: "九、" });
    for (const item of ["完善工作机制", "抓好任务落实"]) expect(measures.answer).toContain(item);
    // A unit's title said whole (总体思路) and several things asked (五个体系): the whole unit, every item.
    const systems = await assistant.answer("总体思路里说的五个体系是啥");
    for (const name of ["数网", "数纽", "数链", "数脑", "数盾"]) expect(systems.answer).toContain(name);
    const structure = await assistant.answer("第七部分主要讲的什么内容");
    expect(structure.answer).toContain("深化大数据应用创新");
    expect(structure.citations[0]).toMatchObject({ chapter: "七、" });
  }, 60_000);

  it("a city plan: a unit list opening a task without role words names its bodies; items of a unit are listed by title", async () => {
    const assistant = await assistantFor("qingdao-ai-education-2020");
    const who = await assistant.answer("《课程纲要》是哪些部门负责制定的");
    expect(who.answer).toContain("装备信息中心、教科院负责");
    expect(who.answer).not.toContain("没有写明");
    // AI is 人工智能; 归哪个处管 asks for the bodies of the task's list.
    const office = await assistant.answer("设置AI相关专业归哪个处管？");
    expect(office.answer).toMatch(/^职教处、高教处负责/);
    const principles = await assistant.answer("基本原则有哪几条");
    for (const item of ["坚持育人为本", "坚持创新引领", "坚持统筹推进"]) expect(principles.answer).toContain(item);
  }, 60_000);

  it("a ministry plan: 任务专栏 found by number, a figure written in words (五项) is answered", async () => {
    const assistant = await assistantFor("national-drug-smart-supervision-2019");
    const box = await assistant.answer("专栏10主要讲啥");
    expect(box.found).toBe(true);
    expect(box.citations[0]!.box).toBe("任务专栏10");
    // The figure counts the noun written after it (20个信息化标准的编制工作 counts 标准, not 工作).
    const standards = await assistant.answer("信息化标准要编几个？涉及哪几个方面");
    expect(standards.answer).toContain("20个信息化标准");
    expect(standards.citations[0]!.box).toBe("任务专栏3");
    const functions = await assistant.answer("国家药品监管应用平台要实现几项基本功能");
    expect(functions.found).toBe(true);
    expect(functions.answer).toContain("五项基本功能");
  }, 60_000);

  it("a plan that states GDP shares answers a GDP question", async () => {
    const assistant = await assistantFor("jinan-digital-pioneer-city-2021");
    const answer = await assistant.answer("到2025年数字经济占GDP比重要达到多少？");
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("50%");
    // A figure stated only for another year (到2023年…4万个以上5G基站) is never passed off as the year asked.
    const other = await assistant.answer("济南25年5G基站目标是多少个？");
    expect(other.found).toBe(false);
    expect(other.answer).toMatch(/^规划没有给出2025年的这项数字；规划写的是到2023年：/);
    // The plan's own city named in the question (济南, in nearly every chunk) is no evidence against a passage.
    const stations = await assistant.answer("到2023年济南要建多少个5G基站");
    expect(stations.found).toBe(true);
    expect(stations.answer).toContain("4万个");
    const same = await assistant.answer("济南23年5G基站目标是多少个");
    expect(same.found).toBe(true);
    expect(same.answer).toContain("建成4万个以上5G基站");
  }, 60_000);

  it("a unit named inside another (主要任务里城市数字化转型那部分) is the inner one, with its items", async () => {
    const assistant = await assistantFor("jinan-digital-pioneer-city-2021");
    const answer = await assistant.answer("主要任务里城市数字化转型那部分包括哪几块内容");
    expect(answer.citations[0]).toMatchObject({ chapter: "二、", section: "（三）" });
    for (const item of ["数字新型基础设施", "数字政府", "数字社会"]) expect(answer.answer).toContain(item);
  }, 60_000);

  it("items written in the text (一是…二是…) are listed by their opening sentences; a sentence announcing a list is read with it", async () => {
    const scitech = await assistantFor("shandong-scitech-13th-2016");
    const parts = await scitech.answer("总体部署里提了哪几方面的工作？帮我捋一下");
    expect(parts.answer).toContain("提出6个方面：一是全面提升科技创新能力；二是强化科技创新对经济社会发展的支撑引领；");
    expect(parts.answer).toContain("六是全面深化科技体制改革。");
    expect(parts.citations.map((citation) => citation.quote)).toContain("六是全面深化科技体制改革。");
    const earthquake = await assistantFor("national-earthquake-ai-plan-2023-2035");
    const challenges = await earthquake.answer("目前我国防震减灾领域人工智能还存在哪些短板和挑战");
    expect(challenges.answer).toMatch(/^规划一、（二）“面临形势”提出：我国防震减灾领域人工智能发展还存在诸多挑战。基础性和创新性研究/);
    for (const item of ["小而散", "复合型人才"]) expect(challenges.answer).toContain(item);
    // A how-question whose best unit is short is answered by all of it, in order.
    const talent = await earthquake.answer("防震减灾AI人才队伍打算咋建设？");
    expect(talent.citations.every((citation) => citation.chapter === "四、" && citation.section === "（四）")).toBe(true);
    for (const item of ["学术带头人", "研究生"]) expect(talent.answer).toContain(item);
  }, 60_000);

  it("a figure in a list joined by 及 is that item's, never its neighbour's", async () => {
    const assistant = await assistantFor("national-smart-health-elderly-2021-2025");
    const answer = await assistant.answer("示范街道（乡镇）目标是多少个？");
    expect(answer.answer).toMatch(/^规划一、（三）：150个以上示范街道（乡镇）。/);
    const base = await assistant.answer("示范基地要建多少个");
    expect(base.answer).toMatch(/^规划一、（三）：50个以上示范基地。/);
  }, 60_000);

  it("a unit named by its title above the best passage is answered by its items; a year asked keeps the year's sentence", async () => {
    const assistant = await assistantFor("qingdao-ai-education-2020");
    const answer = await assistant.answer("教师队伍建设工程具体要干哪几件事？");
    expect(answer.answer).toMatch(/^规划三、（四）“人工智能教师队伍建设工程”包括3项：1\.建立专任教师队伍：/);
    for (const item of ["2.开展专项培训：", "三级培训", "名师工作室", "3.开展教科研活动："]) expect(answer.answer).toContain(item);
    expect(answer.citations.every((citation) => citation.chapter === "三、" && citation.section === "（四）")).toBe(true);
    const year = await assistant.answer("2021年呢？", ["人工智能教师队伍建设2020年要完成什么"]);
    expect(year.answer).toContain("2021年，建立人工智能名师工作室");
    expect(year.answer).not.toContain("包括3项");
  }, 60_000);

  it("two figures asked at once are both answered, briefly: the repeated 原文 is left to the citations", async () => {
    const assistant = await assistantFor("shandong-scitech-13th-2016");
    const both = await assistant.answer("高新技术企业到２０２０年要达到多少家？15年的时候有多少家？");
    for (const figure of ["8000家左右", "3903家"]) expect(both.answer).toContain(figure);
    expect(both.answer).not.toContain("原文：");
    expect(both.citations.some((citation) => citation.quote.includes("高新技术企业数量达到8000家左右"))).toBe(true);
  }, 60_000);

  it("a follow-up asking a year before the plan's period (15年的时候有多少家) asks what was, of the earlier topic", async () => {
    const assistant = await assistantFor("shandong-scitech-13th-2016");
    const answer = await assistant.answer("15年的时候有多少家？", ["高新技术企业到2020年要达到多少家？"]);
    expect(answer.answer).toContain("全省高新技术企业达到3903家");
    expect(answer.answer).not.toContain("8000家");
  }, 60_000);

  it("a follow-up naming a thing of its own is asked in the earlier frame, without the earlier thing", async () => {
    const bigdata = await assistantFor("national-bigdata-center-opinions-2020");
    const city = await bigdata.answer("城市数据大脑那块呢", ["政务数据共享共用是哪个部门牵头？"]);
    expect(city.answer).toContain("各地区负责");
    expect(city.citations[0]).toMatchObject({ chapter: "七、", section: "（五）" });
    // With a question word of its own, only the earlier year carries over, not the earlier 多少.
    const cost = await bigdata.answer("算力成本有啥目标", ["2025年大型数据中心PUE要降到多少？"]);
    expect(cost.found).toBe(true);
    expect(cost.answer).toContain("全社会算力获取成本显著降低");
    const digital = await assistantFor("shandong-digital-action-2019");
    const platform = await digital.answer("那公共信用信息平台呢？", ["“金安工程”是哪个部门牵头的？"]);
    expect(platform.answer).toMatch(/^省发展改革委牵头/);
    expect(platform.answer).not.toContain("金安工程");
  }, 60_000);

  it("a word the plan writes with the earlier topic narrows it; a sentence under another year's paragraph is not the year asked", async () => {
    const higherEd = await assistantFor("national-higher-ed-ai-action-2018");
    // A year asked of a unit named by its title (主要目标) gets that year's sentence, not the whole unit.
    const goal2030 = await higherEd.answer("到２０３０年高校要成为啥？目标原话大概怎么写的");
    expect(goal2030.answer).toContain("人才高地");
    expect(goal2030.answer).not.toContain("到2025年");
    const assistant = await assistantFor("national-earthquake-ai-plan-2023-2035");
    const warning = await assistant.answer("那预警呢？", ["到2025年人工智能地震监测要达到什么水平？"]);
    expect(warning.answer).toContain("人工智能地震预警技术系统实现示范应用");
    // 全面进入国际先进行列 is said of 2035 (到2035年，… opens its paragraph).
    expect(warning.answer).not.toContain("全面进入国际先进行列");
  }, 60_000);

  it("the plan's own counts: a chapter's stated count, the number of top-level parts and of tasks, metadata it does not state", async () => {
    const forestry = await assistantFor("national-smart-forestry-2013");
    const projects = await forestry.answer("第三章重点工程总共几项？");
    expect(projects.answer).toContain("重点落实26项工程建设");
    // A long sentence is quoted from the clause stating the count, verbatim.
    expect(projects.answer.length).toBeLessThan(200);
    const digital = await assistantFor("shandong-digital-action-2019");
    const parts = await digital.answer("这个行动方案分几大板块");
    for (const part of ["数字政府", "数字经济", "数字社会"]) expect(parts.answer).toContain(part);
    const tasks = await digital.answer("方案里具体任务一共列了多少条？");
    expect(tasks.answer).toContain("21");
    const scitech = await assistantFor("shandong-scitech-13th-2016");
    const date = await scitech.answer("这个规划是哪天印发的");
    expect(date.found).toBe(false);
    expect(date.answer).toMatch(/^规划文本没有写明印发日期/);
  }, 60_000);

  it("a box's items: one named item or group is answered alone; a box named by its title is listed by its items' names", async () => {
    const scitech = await assistantFor("shandong-scitech-13th-2016");
    const zibo = await scitech.answer("专栏16里淄博高新区是什么定位？");
    expect(zibo.answer).toContain("新型研发机构");
    expect(zibo.answer).not.toContain("济南高新区");
    // The idea a box's title names, asked without 专栏 and not for its contents, is answered from the text.
    const relation = await scitech.answer("重大科技创新工程和科技重大专项是什么关系");
    expect(relation.citations[0]!.box).toBeNull();
    const projects = await scitech.answer("“创新山东2030”重大科技创新工程包括哪些？");
    for (const name of ["透明海洋", "中医精方"]) expect(projects.answer).toContain(name);
    expect(projects.citations[0]!.box).toBe("专栏15");
    const elderly = await assistantFor("national-smart-health-elderly-2021-2025");
    const group = await elderly.answer("那创新养老服务那几项呢", ["专栏三里打造的智慧养老场景有哪些？"]);
    expect(group.answer).toBe("专栏三中“创新智慧养老服务”包括3项：互联网+养老服务；“时间银行”互助养老服务；老年人能力评估。");
    const titled = await elderly.answer("智慧健康创新应用工程包括哪几项？");
    for (const name of ["远程医疗", "个性化健康管理", "互联网+护理服务"]) expect(titled.answer).toContain(name);
  }, 60_000);

  it("the plan's own period by its name: 十三五末 of a 2016—2020 plan asks its target, not the earlier year's figure", async () => {
    const assistant = await assistantFor("shandong-scitech-13th-2016");
    // A province named in English (Jiangsu) is another place; the plan's own (Shandong) is not glossed as a term (泰山).
    // A forecast for tomorrow is no plan's, though this plan speaks of weather forecasting.
    const weather = await assistant.answer("帮我查下明天济南的天气");
    expect(weather.found).toBe(false);
    const jiangsu = await assistant.answer("What is Jiangsu's target number of high-tech enterprises in its 13th FYP?");
    expect(jiangsu.found).toBe(false);
    expect(jiangsu.answer).toContain("没有江苏的规划");
    const shandong = await assistant.answer("How many high-tech enterprises should Shandong have by 2020?");
    expect(shandong.answer).toContain("8000家左右");
    expect(shandong.answer).not.toContain("泰山");
    const target = await assistant.answer("那到十三五末的目标呢？", ["2015年R&D经费占GDP比重是多少？"]);
    expect(target.answer).toContain("2.6%左右");
    expect(target.answer).not.toContain("2.27%");
  }, 60_000);

  it("a question about one thing is answered in a few sentences, not a whole passage", async () => {
    const assistant = await assistantFor("national-drug-smart-supervision-2019");
    const answer = await assistant.answer("国家局电子政务内网可以交换什么级别的数据");
    expect(answer.answer).toContain("机密级以下");
    expect(answer.answer.length).toBeLessThanOrEqual(300);
  }, 60_000);

  it("a unit whose title the question says whole answers it, and a follow-up's own title wins over the earlier one's", async () => {
    const assistant = await assistantFor("national-smart-forestry-2013");
    const first = await assistant.answer("基础建设阶段先建哪些工程");
    expect(first.citations[0]).toMatchObject({ chapter: "第四章", section: "一、" });
    for (const name of ["中国林业云", "林区无线网"]) expect(first.answer).toContain(name);
    const third = await assistant.answer("深化应用阶段呢？", ["基础建设阶段优先建设哪些工程？"]);
    expect(third.answer).toContain("智慧林政管理平台");
    expect(third.answer).not.toContain("中国林业云建设工程");
  }, 60_000);
});
