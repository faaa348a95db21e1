import { describe, expect, it } from "vitest";
import { normalizeForMatch } from "../../src/text/normalize-text.js";
import { rewriteQuestion, type RewriteKind } from "./rewrite-question.js";

function rewritten(question: string, kind: RewriteKind, options = {}): readonly string[] {
  return rewriteQuestion(question, options).filter((rewrite) => rewrite.kind === kind).map((rewrite) => rewrite.question);
}

describe("rewriteQuestion", () => {
  it("frames a question; embeds it as a clause only when it can stand embedded", () => {
    expect(rewritten("2025年九年义务教育巩固率要达到多少？", "frame-请问")).toEqual(["请问2025年九年义务教育巩固率要达到多少？"]);
    expect(rewritten("2025年九年义务教育巩固率要达到多少？", "frame-帮我查一下")).toEqual(["帮我查一下2025年九年义务教育巩固率要达到多少"]);
    expect(rewritten("2025年九年义务教育巩固率要达到多少？", "frame-我想知道")).toEqual(["我想知道2025年九年义务教育巩固率要达到多少"]);
    // 我想知道福德学校是续建吗 and 帮我查一下那区级呢 are not Chinese; two questions are not one clause.
    expect(rewritten("福德学校是续建吗？", "frame-我想知道")).toEqual([]);
    expect(rewritten("那区级呢？", "frame-帮我查一下")).toEqual([]);
    expect(rewritten("十三五时期农村教师补充了多少？占比多少？", "frame-我想知道")).toEqual([]);
    // 什么 ends in 么 but is no particle.
    expect(rewritten("2035年的远景目标是什么？", "frame-我想知道")).toEqual(["我想知道2035年的远景目标是什么"]);
  });

  it("does not frame requests, already framed questions or English", () => {
    expect(rewriteQuestion("给我讲个笑话").filter((rewrite) => rewrite.kind.startsWith("frame-"))).toEqual([]);
    expect(rewritten("请问一下，咱们区到2025年九年义务教育巩固率的目标值定的是多少呀？", "frame-请问")).toEqual([]);
    expect(rewritten("What's the 2022 target for 高中阶段毛入学率?", "frame-请问")).toEqual([]);
  });

  it("adds 呢/啊 only to wh- and A-not-A questions, and 吗 only where it asks the same thing", () => {
    expect(rewritten("全区有多少所小学？", "particle-呢")).toEqual(["全区有多少所小学呢？"]);
    expect(rewritten("都梁中学是新建还是改扩建？", "particle-啊")).toEqual(["都梁中学是新建还是改扩建啊？"]);
    expect(rewritten("福德学校是续建吗？", "particle-呢")).toEqual([]);
    expect(rewritten("2022年高中阶段毛入学率目标", "particle-呢")).toEqual([]);
    // 是多少吗 would turn a figure question into a yes/no one.
    expect(rewritten("全区有多少所小学？", "particle-吗")).toEqual([]);
    expect(rewritten("九年义务教育巩固率是不是约束性指标", "particle-吗")).toEqual(["九年义务教育巩固率是约束性指标吗？"]);
    expect(rewritten("学校食堂管理有什么要求？", "particle-吗")).toEqual(["学校食堂管理有什么要求吗？"]);
  });

  it("writes traditional characters that the project's own reading turns back", () => {
    const [traditional] = rewritten("学前三年毛入园率2025年目标", "traditional");
    expect(traditional).toBe("學前三年毛入園率2025年目標");
    expect(normalizeForMatch(traditional!)).toBe(normalizeForMatch("学前三年毛入园率2025年目标"));
  });

  it("writes full-width digits and short years", () => {
    expect(rewritten("专栏7是关于什么的？", "full-width-digits")).toEqual(["专栏７是关于什么的？"]);
    expect(rewritten("劳动年龄人口平均受教育年限从2020年到2025年提高多少年？", "short-year")).toEqual(["劳动年龄人口平均受教育年限从20年到25年提高多少年？"]);
    expect(rewritten("２０２２年普通高中在校生多少万人", "short-year")).toEqual(["２２年普通高中在校生多少万人"]);
    expect(rewritten("What's the 2022 target for 高中阶段毛入学率?", "short-year")).toEqual([]);
  });

  it("prefixes the district only where no place, document unit or earlier turn is named", () => {
    expect(rewritten("要新建哪些学校？", "place-梁平区")).toEqual(["梁平区要新建哪些学校？"]);
    expect(rewritten("万州区的学前三年毛入园率是多少？", "place-咱们区")).toEqual([]);
    expect(rewritten("全区有多少所小学？", "place-咱们区")).toEqual([]);
    expect(rewritten("第一章写了什么？", "place-梁平区")).toEqual([]);
    expect(rewritten("普通初中呢？", "place-咱们区", { followUp: true })).toEqual([]);
    // 社区 is no place name.
    expect(rewritten("要建设多少个市级社区教育示范基地？", "place-咱们区")).toEqual(["咱们区要建设多少个市级社区教育示范基地？"]);
  });

  it("swaps an everyday word only where it keeps the meaning", () => {
    expect(rewritten("乡村教师有哪些支持政策？", "synonym")).toEqual(["乡村老师有哪些支持政策？"]);
    expect(rewritten("学生心理健康怎么做？", "synonym")).toEqual(["孩子心理健康怎么做？"]);
    expect(rewritten("教育督导专项经费由谁保障？", "synonym")).toEqual(["教育督导专项的钱由谁保障？"]);
    // Titles and indicator names stay: 特级老师, 在校孩子数 and 财政性教育的钱 are not what is asked.
    expect(rewritten("现在有多少特级教师？", "synonym")).toEqual([]);
    expect(rewritten("义务教育在校学生数会从多少降到多少？", "synonym")).toEqual([]);
    expect(rewritten("财政性教育经费占比是什么性质的指标？", "synonym")).toEqual([]);
    expect(rewritten("在园幼儿数2025年预计多少万人？", "synonym")).toEqual([]);
  });
});
