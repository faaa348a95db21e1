import { describe, expect, it } from "vitest";
import { createJiebaSegmenter } from "./jieba-segmenter.js";
import { contentTokens } from "./segmenter.js";

describe("createJiebaSegmenter", () => {
  const segmenter = createJiebaSegmenter({ userWords: ["县管校聘", "领雁工程", "双减", "都梁中学", "学前三年毛入园率"] });

  it("keeps domain terms from the user dictionary whole", () => {
    expect(segmenter.cut("全面推行义务教育学校教师“县管校聘”管理改革")).toContain("县管校聘");
    expect(segmenter.cut("持续推进“领雁工程”")).toContain("领雁工程");
    expect(segmenter.cut("全面落实“双减”政策")).toContain("双减");
    expect(segmenter.cut("新建都梁小学和都梁中学")).toContain("都梁中学");
  });

  it("emits the parts of a long domain word too, so shorter questions still match", () => {
    const tokens = segmenter.cut("学前三年毛入园率");
    expect(tokens).toContain("学前三年毛入园率");
    expect(tokens).toContain("入园率");
  });

  it("keeps numbers whole, decimals and percentages included", () => {
    const tokens = segmenter.cut("公办幼儿园在园幼儿占比61.5%，到2025年达到94.5%以上");
    expect(tokens).toContain("61.5%");
    expect(tokens).toContain("2025");
    expect(tokens).toContain("94.5%");
    expect(tokens).not.toContain("61");
  });

  it("normalises full-width digits and punctuation the same way for documents and questions", () => {
    expect(segmenter.cut("２０２５年学前三年毛入园率９４．０％")).toEqual(segmenter.cut("2025年学前三年毛入园率94.0%"));
  });

  it("treats traditional characters like simplified ones", () => {
    expect(segmenter.cut("學前三年毛入園率")).toEqual(segmenter.cut("学前三年毛入园率"));
  });

  it("drops punctuation and, through contentTokens, question words", () => {
    const tokens = segmenter.cut("谁负责规划的中期评估？");
    expect(tokens.some((token) => /[？?，]/.test(token))).toBe(false);
    const content = contentTokens(tokens);
    expect(content).toContain("中期");
    expect(content).not.toContain("谁");
    expect(content).not.toContain("的");
  });

  it("changes its id when the user dictionary changes (the index is then rebuilt)", () => {
    const other = createJiebaSegmenter({ userWords: ["县管校聘", "另一个词"] });
    expect(other.id).not.toBe(segmenter.id);
  });
});
