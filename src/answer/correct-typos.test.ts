import { describe, expect, it } from "vitest";
import { buildTypoIndex, correctTypos } from "./correct-typos.js";

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
