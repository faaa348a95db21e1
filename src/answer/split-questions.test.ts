import { describe, expect, it } from "vitest";
import { createJiebaSegmenter } from "../segment/jieba-segmenter.js";
import { splitQuestions } from "./split-questions.js";

const segmenter = createJiebaSegmenter();

describe("splitQuestions", () => {
  it("keeps a single question whole", () => {
    expect(splitQuestions("2025年学前三年毛入园率目标是多少？", segmenter)).toEqual(["2025年学前三年毛入园率目标是多少？"]);
    // A coordination without 分别/各 is one topic ("学校家庭社会协同育人").
    expect(splitQuestions("家庭和学校怎么协同育人", segmenter)).toEqual(["家庭和学校怎么协同育人"]);
  });

  it("splits separate questions at ？ and at a comma between two asking clauses", () => {
    expect(splitQuestions("普惠性幼儿园占比是约束性吗？在园幼儿数呢？", segmenter)).toEqual(["普惠性幼儿园占比是约束性吗?", "在园幼儿数呢?"]);
    expect(splitQuestions("“双师型”老师，十三五末占比多少、十四五要达到多少？", segmenter)).toEqual(["\"双师型\"老师,十三五末占比多少", "十四五要达到多少?"]);
  });

  it("asks a coordination's shared predicate of each item (分别/各)", () => {
    expect(splitQuestions("九年義務教育鞏固率和高中階段毛入學率，2025年目標各是多少？", segmenter)).toEqual(["九年义务教育巩固率,2025年目标是多少?", "高中阶段毛入学率,2025年目标是多少?"]);
    expect(splitQuestions("高中阶段在校生里，中职和普高２０２５年分别预计多少万人", segmenter)).toEqual(["高中阶段在校生里,中职2025年预计多少万人", "高中阶段在校生里,普高2025年预计多少万人"]);
    expect(splitQuestions("“一网通办”和“一网通管”分别是要干什么的？", segmenter)).toEqual(["\"一网通办\"是要干什么的?", "\"一网通管\"是要干什么的?"]);
  });

  it("shares a modifier ending in 的 with every item", () => {
    expect(splitQuestions("北斗的定位精度跟授时精度各是多少？", segmenter)).toEqual(["北斗的定位精度是多少?", "北斗的授时精度是多少?"]);
  });

  it("keeps a clause asking more of the same thing (分别/都/具体…) with the one before", () => {
    expect(splitQuestions("计划里一共几个专栏，分别叫啥", segmenter)).toEqual(["计划里一共几个专栏，分别叫啥"]);
    expect(splitQuestions("重点工程有几项，都有哪些", segmenter)).toEqual(["重点工程有几项，都有哪些"]);
    // An example of what is asked (比如几秒内) is the same question, after a comma or a question mark.
    expect(splitQuestions("预警信息发布时延有没有具体要求，比如几秒内？", segmenter)).toHaveLength(1);
    expect(splitQuestions("预警信息发布时延有没有具体要求？比如几秒内？", segmenter)).toHaveLength(1);
    // Asking for the wording of what was just asked is the same question.
    expect(splitQuestions("到2030年高校要成为啥？目标原话大概怎么写的", segmenter)).toHaveLength(1);
    // A bare year after the question mark qualifies the question before it.
    expect(splitQuestions("示范街道（乡镇）目标是多少个？到２０２５年", segmenter)).toHaveLength(1);
    // A clause opening with 各类/都市/具体措施 is a question of its own.
    expect(splitQuestions("2025年目标是多少，各类学校要新建多少所", segmenter)).toHaveLength(2);
    expect(splitQuestions("小学有多少所，具体措施有哪些", segmenter)).toHaveLength(2);
  });
});
