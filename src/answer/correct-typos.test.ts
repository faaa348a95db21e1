import { beforeAll, describe, expect, it } from "vitest";
import { createJiebaSegmenter } from "../segment/jieba-segmenter.js";
import type { Segmenter } from "../segment/segmenter.js";
import { buildHomophoneIndex, buildTypoIndex, correctHomophones, correctTypos, type HomophoneIndex } from "./correct-typos.js";

const planText = "推进县管校聘管理改革。深化家校共育。在园幼儿数（万人）。九年义务教育巩固率。提升教师队伍水平。学生规模。民办学校义务教育阶段学生占比。";
const index = buildTypoIndex(["县管校聘", "家校共育", "在园幼儿数", "九年义务教育巩固率", "教师队伍", "民办学校"], [planText]);

describe("correctTypos", () => {
  it.each([
    ["县管校拼是啥意思？", "县管校聘是啥意思?"],
    ["家校共玉怎么推进", "家校共育怎么推进"],
    ["在圆幼儿数2025年预计多少万人", "在园幼儿数2025年预计多少万人"],
    ["九年义务教育巩故率是多少", "九年义务教育巩固率是多少"],
    ["哪一章讲教师对伍建设？", "哪一章讲教师队伍建设?"],
  ])("reads %s as the plan's term", (question, corrected) => {
    expect(correctTypos(question, index)).toBe(corrected);
  });

  it.each([["2022年在园幼儿规模预计是多少"], ["义务教育阶段民办学生占比有上限吗"], ["明天会下雨吗"], ["县管校聘是什么意思"]])("leaves %s alone: the plans use its words, or no term is one character away", (question) => {
    expect(correctTypos(question, index)).toBe(question);
  });
});

describe("correctHomophones", () => {
  // Words of the plans, as the BM25 index would hold them, each used twice.
  const vocabulary = ["原则", "人才", "师德", "覆盖率", "公司", "同时", "缩小", "基本", "队伍"];
  const text = "坚持基本原则。人才队伍。师德师风。覆盖率。公司。同时。缩小差距。";
  const typos = buildTypoIndex([], [text]);
  let segmenter: Segmenter;
  let homophones: HomophoneIndex;
  beforeAll(() => {
    segmenter = createJiebaSegmenter();
    homophones = buildHomophoneIndex(vocabulary, () => 2);
  });

  it.each([
    ["规划的基本原泽有哪些", "规划的基本原则有哪些"],
  ])("reads %s with the plan's word that sounds the same", (question, corrected) => {
    expect(correctHomophones(question, typos, homophones, segmenter)).toBe(corrected);
  });

  it.each([["给新同事介绍一下这个规划"], ["全区有多少所小学"], ["保障措施那部分有几章"]])("leaves %s alone: its words are words, or question words", (question) => {
    expect(correctHomophones(question, typos, homophones, segmenter)).toBe(question);
  });

  it("never reads a function character as the misheard one (都是啥 is no typo of 都市)", () => {
    const cities = buildHomophoneIndex(["都市"], () => 5);
    expect(correctHomophones("保障措施那部分有几章，都是啥？", typos, cities, segmenter)).toBe("保障措施那部分有几章，都是啥？");
  });

  it("keeps only words the plans use twice", () => {
    const once = buildHomophoneIndex(["原则"], () => 1);
    expect(correctHomophones("基本原泽", typos, once, segmenter)).toBe("基本原泽");
  });
});

describe("correctTypos: grammar is not a typo", () => {
  it("leaves a function word in the odd place alone (在园幼儿比2015年 is a comparison, not 在园幼儿数)", () => {
    expect(correctTypos("在园幼儿比2015年减少了多少", index)).toBe("在园幼儿比2015年减少了多少");
  });
});
