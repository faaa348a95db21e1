import { describe, expect, it } from "vitest";
import type { Citation } from "../answer/answer-schema.js";
import { citationLabel, citationPlaceKey, citationShortLabel, shortQuote } from "./citation-label.js";

const base: Citation = { doc: "plan", part: null, chapter: null, section: null, box: null, table: null, heading: "", quote: "" };

describe("citationLabel", () => {
  it("names the indicator table", () => {
    expect(citationLabel({ ...base, part: "第二篇", chapter: "第五章", table: "梁平区教育事业发展“十四五”规划指标体系表", heading: "第二篇 总体思路 › 第五章 发展目标" })).toBe("指标表 · 梁平区教育事业发展“十四五”规划指标体系表");
  });

  it("names a 专栏 with its chapter when known", () => {
    expect(citationLabel({ ...base, box: "专栏5", chapter: "第九章" })).toBe("专栏5（第九章）");
    expect(citationLabel({ ...base, box: "专栏5" })).toBe("专栏5");
  });

  it("gives the 篇 › 章 › 节 path: the readable heading, else the labels, else the document", () => {
    expect(citationLabel({ ...base, part: "第三篇", chapter: "第七章", section: "第三节", heading: "第三篇 主要任务 › 第七章 提高基础教育水平 › 第三节 多样特色发展普通高中教育" })).toBe(
      "第三篇 主要任务 › 第七章 提高基础教育水平 › 第三节 多样特色发展普通高中教育",
    );
    expect(citationLabel({ ...base, part: "第三篇", chapter: "第七章", heading: " " })).toBe("第三篇 › 第七章");
    expect(citationLabel(base)).toBe("plan");
  });
});

describe("shortQuote", () => {
  it("collapses whitespace and cuts long quotes with an ellipsis", () => {
    expect(shortQuote("学前三年毛入园率（%）\n 92   92.8")).toBe("学前三年毛入园率（%） 92 92.8");
    expect(shortQuote("一二三四五六", 4)).toBe("一二三四…");
  });
});

describe("citationShortLabel and citationPlaceKey", () => {
  it("names the place in a few characters", () => {
    expect(citationShortLabel({ ...base, table: "指标体系表", chapter: "第五章" })).toBe("指标表");
    expect(citationShortLabel({ ...base, box: "专栏2", chapter: "第七章" })).toBe("专栏2");
    expect(citationShortLabel({ ...base, part: "第三篇", chapter: "第七章", section: "第四节" })).toBe("第七章第四节");
    expect(citationShortLabel({ ...base, part: "第一篇" })).toBe("第一篇");
    expect(citationShortLabel(base)).toBe("原文");
  });

  it("gives citations of the same place, whatever their quote, the same key", () => {
    const place = { ...base, part: "第三篇", chapter: "第七章", section: "第四节" };
    expect(citationPlaceKey({ ...place, quote: "甲" })).toBe(citationPlaceKey({ ...place, quote: "乙" }));
    expect(citationPlaceKey(place)).not.toBe(citationPlaceKey({ ...place, section: "第三节" }));
  });
});
