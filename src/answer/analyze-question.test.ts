import { describe, expect, it } from "vitest";
import { createWordListSegmenter } from "../../test/fakes/word-list-segmenter.js";
import { analyzeQuestion, toChineseOrdinal } from "./analyze-question.js";

const segmenter = createWordListSegmenter(["学前", "三年", "毛入园率", "目标", "多少", "的", "是", "要", "达到", "教师", "哪些", "规划"]);
const analyze = (question: string) => analyzeQuestion(question, segmenter);

describe("analyzeQuestion: text, tokens and years", () => {
  it("normalises the text (half-width, simplified, no spaces) and cuts that, keeping the raw question", () => {
    const analysis = analyze("學前三年 毛入園率的目標是多少？");
    expect(analysis.raw).toBe("學前三年 毛入園率的目標是多少？");
    expect(analysis.text).toBe("学前三年毛入园率的目标是多少?");
    expect(segmenter.calls.at(-1)).toBe(analysis.text);
    expect(analysis.tokens).toEqual(["学前", "三年", "毛入园率", "的", "目标", "是", "多少"]);
    // Stop words and question words carry no topic.
    expect(analysis.content).toEqual(["学前", "三年", "毛入园率", "目标"]);
  });

  it("reads years in Arabic, full-width and Chinese digits", () => {
    expect(analyze("2025年学前三年毛入园率").years).toEqual([2025]);
    expect(analyze("２０２２年普通高中在校生").years).toEqual([2022]);
    const chinese = analyze("二〇二五年九年义务教育巩固率");
    expect(chinese.years).toEqual([2025]);
    expect(chinese.text).toBe("2025年九年义务教育巩固率");
    expect(analyze("二○二○年在园幼儿数").years).toEqual([2020]);
    expect(analyze("从2020年到2025年提高多少").years).toEqual([2020, 2025]);
    expect(analyze("2025目标").years).toEqual([2025]);
  });

  it("takes no year from longer numbers or figures", () => {
    expect(analyze("补充新教师1140名").years).toEqual([]);
    expect(analyze("编号120250").years).toEqual([]);
    expect(analyze("20251年").years).toEqual([]);
    expect(analyze("入园率94.0%").years).toEqual([]);
  });
});

describe("analyzeQuestion: the measure word asked for", () => {
  it.each([
    ["全区有多少所小学", "所"],
    ["补充了几名教师", "名"],
    ["提高了多少个百分点", "百分点"],
    ["培训多少人次", "人次"],
    ["在校生多少万人", "万人"],
    ["要建几个实训基地", "个"],
    ["有几项约束性指标", "项"],
    ["教师培训多少学时", "学时"],
    ["投入多少钱", "元"],
    ["受教育年限是多少年", "年"],
    ["毛入园率2025年", "%"],
    ["公办幼儿园占比", "%"],
    ["都梁中学是新建还是改扩建", null],
    ["每年至少派几个人跟岗研修", "人"],
    ["跟2015年比涨了几个点", "百分点"],
    ["十四五期间总共计划投资多少亿", "元"],
    ["枫叶国际学校一年学费多少", "元"],
    ["城区新建的学校有哪几所", null],
  ])("%s → %s", (question, classifier) => {
    expect(analyze(question).classifier).toBe(classifier);
  });

  it("reads small Chinese numbers before a measure word as digits", () => {
    expect(analyze("新建两所幼儿园").text).toBe("新建2所幼儿园");
    expect(analyze("建成十六所智慧校园").text).toBe("建成16所智慧校园");
  });
});

describe("analyzeQuestion: references to the plan's structure", () => {
  it("writes chapter, section and part references the way headings do", () => {
    expect(analyze("第3章讲什么").references).toEqual({ part: null, chapter: "第三章", section: null, box: null });
    expect(analyze("第17章第3节").references).toMatchObject({ chapter: "第十七章", section: "第三节" });
    expect(analyze("第十二章第二节").references).toMatchObject({ chapter: "第十二章", section: "第二节" });
    expect(analyze("第二篇包括哪些章").references).toMatchObject({ part: "第二篇", chapter: null });
    expect(analyze("第２０章").references.chapter).toBe("第二十章");
  });

  it("writes box references with Arabic numbers, as the plan labels them", () => {
    expect(analyze("专栏五讲的是什么").references.box).toBe("专栏5");
    expect(analyze("专栏 3").references.box).toBe("专栏3");
    expect(analyze("专栏十").references.box).toBe("专栏10");
    expect(analyze("有哪些专栏").references.box).toBeNull();
  });

  it("toChineseOrdinal writes numbers as headings do", () => {
    expect([1, 5, 10, 11, 17, 20, 35, 99].map(toChineseOrdinal)).toEqual(["一", "五", "十", "十一", "十七", "二十", "三十五", "九十九"]);
    expect(toChineseOrdinal(120)).toBe("120");
  });
});

describe("analyzeQuestion: aspects", () => {
  const aspects = (question: string) => analyze(question).aspects;

  it("tells attribute, change, target and baseline questions apart", () => {
    expect(aspects("普惠性幼儿园占比是约束性还是预期性指标")).toMatchObject({ attribute: true, change: false });
    expect(aspects("在校学生数会从多少降到多少")).toMatchObject({ change: true, quantity: true });
    expect(aspects("到2025年要达到多少")).toMatchObject({ target: true, baseline: false, quantity: true });
    expect(aspects("十三五期间补充了多少教师")).toMatchObject({ baseline: true, target: false });
  });

  it("tells who and list questions apart", () => {
    expect(aspects("谁负责中期评估")).toMatchObject({ who: true, list: false });
    expect(aspects("由哪个部门牵头")).toMatchObject({ who: true });
    // 达到什么要求/啥目标 asks for a description, not a figure.
    for (const question of ["年底前要达到什么要求", "到2020年高校要达到啥目标"]) expect(aspects(question), question).toMatchObject({ quantity: false });
    // A body of any rank (哪个处, 哪个局) and 归…管 ask who; 哪个处长 asks for a person's post, not a body.
    for (const question of ["设置AI相关专业归哪个处管？", "这事哪个局负责", "智能建造谁打头"]) expect(aspects(question), question).toMatchObject({ who: true });
    for (const question of ["控辍保学有哪些办法", "要形成什么样的局面"]) expect(aspects(question), question).toMatchObject({ who: false });
    expect(aspects("职业教育有哪些重点任务")).toMatchObject({ list: true, who: false });
  });

  it("marks none for a plain topic question", () => {
    expect(aspects("家校共育")).toEqual({ attribute: false, change: false, quantity: false, target: false, baseline: false, who: false, list: false, when: false, how: false });
  });

  it("marks how/what-is-required questions, not which-items ones", () => {
    for (const question of ["防震减灾AI人才队伍打算咋建设？", "手机APP、网站适老化改造有啥要求？", "依托中国算谷那块具体要干些啥？", "多套CA没法互认的老问题怎么解决"]) expect(aspects(question).how, question).toBe(true);
    for (const question of ["统一认证支持哪些方式啊", "林业三大基础数据库是哪三个？", "双桂幼儿园哪年能建好"]) expect(aspects(question).how, question).toBe(false);
  });

  it("marks a date asked for, and reads 哪几 as a list, 几个人 as people", () => {
    expect(aspects("双桂幼儿园哪年能建好").when).toBe(true);
    expect(aspects("什么时候开始招生").when).toBe(true);
    expect(aspects("哪年的数据").when).toBe(false);
    expect(aspects("具体是哪几个方面").quantity).toBe(false);
    expect(aspects("具体是哪几个方面").list).toBe(true);
    // "达到什么水平" asks for a description; "达到多少" and "那几句" (no count) are told apart.
    expect(aspects("到2025年地震预警技术要达到什么水平").quantity).toBe(false);
    expect(aspects("到2025年毛入园率要达到多少").quantity).toBe(true);
    expect(aspects("就是大平原那几句").quantity).toBe(false);
  });
});

describe("expandShortYears", () => {
  it("reads years written short, and leaves durations and school years alone", async () => {
    const { expandShortYears } = await import("./analyze-question.js");
    expect(expandShortYears("22年学前三年毛入园率")).toBe("2022年学前三年毛入园率");
    expect(expandShortYears("二五年的目标")).toBe("2025年的目标");
    expect(expandShortYears("二二年")).toBe("2022年");
    for (const untouched of ["近20年", "过去10年", "5年", "一二年级", "每年", "2022年"]) expect(expandShortYears(untouched)).toBe(untouched);
  });
});
