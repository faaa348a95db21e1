import { beforeAll, describe, expect, it } from "vitest";
import { createJiebaSegmenter } from "../segment/jieba-segmenter.js";
import type { Segmenter } from "../segment/segmenter.js";
import { analyzeQuestion } from "./analyze-question.js";
import { askedValuePattern, statesAskedValue } from "./asked-value.js";
import { topicWords } from "./topic-words.js";

let segmenter: Segmenter;
beforeAll(() => {
  segmenter = createJiebaSegmenter();
});

/** Sentences of the seed plan (第十四章第二节, 第十一章第二节, 第十章第一节, 第十六章第二节). */
const PRIVATE_SCHOOLS = "理顺“公参民”学校管理体制机制，治理学校招生与楼盘建设、销售挂钩，民办学校义务教育阶段学生占比控制在15%以内，全面完善民办学校普通高中公布招生政策。";
const EXCHANGE = "协同“一区两群”璧山区及周边区县探索互派校长、教师交流任职机制，每年选派不少于5名教学研究、学校管理干部或骨干教师赴相应学校跟岗实践研修。";
const EQUIPMENT = "按照体育、音乐、美术配备新标准，分期分批对全区100所学校配齐体育、音乐、美术器材及其他设施设备器材等，开展特色化、多元化创建活动。";
const FUNDING = "确保一般公共预算教育支出逐年只增不减，确保按在校学生人数平均的一般公共预算教育支出逐年只增不减，财政性教育经费占一般公共预算支出的比例不低于20%。";

function states(question: string, quote: string, share = 0.75): boolean {
  const analysis = analyzeQuestion(question, segmenter);
  return statesAskedValue(analysis, topicWords(analysis), quote, { share, known: () => true });
}

describe("askedValuePattern", () => {
  it("asks a date for 哪年, a share for 占比, people for 几个人, money for 学费", () => {
    expect(askedValuePattern(analyzeQuestion("双桂幼儿园哪年能建好", segmenter))?.test("2023年建成")).toBe(true);
    expect(askedValuePattern(analyzeQuestion("民办学校学生占比上限是多少", segmenter))?.test("控制在15%以内")).toBe(true);
    expect(askedValuePattern(analyzeQuestion("每年至少派几个人", segmenter))?.test("不少于5名")).toBe(true);
    expect(askedValuePattern(analyzeQuestion("枫叶国际学校一年学费多少", segmenter))?.test("新建学校11所")).toBe(false);
    expect(askedValuePattern(analyzeQuestion("家校共育怎么做", segmenter))).toBeNull();
  });

  it("asks a number in the unit of measure named (多少亿亩, 几秒, 多少万架), never money or any count", () => {
    const acres = askedValuePattern(analyzeQuestion("资源监管系统要对多少亿亩林地实现实时监管", segmenter));
    expect(acres?.test("实现对45亿亩林地的实时有效监管")).toBe(true);
    expect(acres?.test("投资45亿元")).toBe(false);
    const seconds = askedValuePattern(analyzeQuestion("预警信息发布要在几秒内", segmenter));
    expect(seconds?.test("10秒内发布")).toBe(true);
    expect(seconds?.test("面向不少于10个应用场景")).toBe(false);
    expect(askedValuePattern(analyzeQuestion("机架规模目标是多少万架", segmenter))?.test("电能利用效率降到1.3以下")).toBe(false);
  });
});

describe("statesAskedValue", () => {
  it("finds the figure in a sentence that speaks of the topic, in other words than the question's", () => {
    expect(states("民办学校义务教育段的学生占比上限是多少", PRIVATE_SCHOOLS)).toBe(true);
    expect(states("跟璧山那边互派交流，每年至少派几个人过去跟岗研修", EXCHANGE)).toBe(true);
    expect(states("体音美器材要给多少所学校配齐", EQUIPMENT)).toBe(true);
  });

  it("does not take a figure of another kind or another topic", () => {
    // 20% is the share of 财政性教育经费, not of 教师培训经费.
    expect(states("教师培训经费占多少比例", FUNDING)).toBe(false);
    // A count of schools is not a number of people.
    expect(states("体音美器材要给多少个人配齐", EQUIPMENT)).toBe(false);
  });
});

describe("statesAskedValue: years, measures and the plan's everywhere words", () => {
  it("does not take a figure stated for another year only", () => {
    expect(states("到2025年5G基站要建多少个", "到2023年，建成4万个以上5G基站。", 0.5)).toBe(false);
    expect(states("到2023年5G基站要建多少个", "到2023年，建成4万个以上5G基站。", 0.5)).toBe(true);
  });

  it("reads 课时 for 学时 and leaves out a word the plan uses everywhere", () => {
    expect(states("其他年级人工智能课每月至少几课时", "其他年级每月两课时。", 0.5)).toBe(true);
    const analysis = analyzeQuestion("到2023年济南要建多少个5G基站", segmenter);
    const quote = "到2023年，累计建设5G基站4万个以上。";
    expect(statesAskedValue(analysis, ["济南", "基站"], quote, { share: 0.6, known: () => true })).toBe(false);
    expect(statesAskedValue(analysis, ["济南", "基站"], quote, { share: 0.6, known: () => true, generic: (word) => word === "济南" })).toBe(true);
    // A word the plan uses everywhere still counts for a sentence that holds it.
    const pilot = analyzeQuestion("要培育多少个智能制造试点示范项目", segmenter);
    expect(statesAskedValue(pilot, ["智能制造", "试点", "示范", "项目"], "累计培育智能制造试点示范项目120个。", { share: 0.6, known: () => true, generic: (word) => word === "示范" || word === "试点" })).toBe(true);
  });
});

describe("statesAskedValue: a date is no count", () => {
  it("does not take 到2025年 for the figure of a 多少 question, but takes it for 哪年", () => {
    const goal = "到2025年，全国范围内数据中心形成布局合理、绿色集约的基础设施一体化格局。";
    expect(states("2025年全国数据中心规模达到多少？", goal, 0.5)).toBe(false);
    expect(states("2025年全国数据中心规模达到多少？", "到2025年，全国数据中心规模达到100万个。", 0.5)).toBe(true);
    expect(states("数据中心一体化格局哪年形成？", goal, 0.5)).toBe(true);
  });
});
