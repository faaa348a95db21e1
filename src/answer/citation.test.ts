import { describe, expect, it } from "vitest";
import type { Location } from "../parse/plan-types.js";
import { citationSchema } from "./answer-schema.js";
import { citationOf, locationLabel, uniqueCitations } from "./citation.js";

const DOC = "liangping-education-plan-2021-2025";
const section: Location = { doc: DOC, path: [], part: "第三篇", chapter: "第七章", section: "第三节", box: null, table: null, heading: "第三篇 主要任务 › 第七章 提高基础教育水平 › 第三节 多样特色发展普通高中教育" };
const box: Location = { doc: DOC, path: [], part: "第三篇", chapter: "第十章", section: null, box: "专栏5", table: null, heading: "专栏5（第十章 优化教育资源配置）" };
const table: Location = { doc: DOC, path: [], part: "第二篇", chapter: "第五章", section: null, box: null, table: "梁平区教育事业发展“十四五”规划指标体系表", heading: "第二篇 总体思路 › 第五章 发展目标 › 梁平区教育事业发展“十四五”规划指标体系表" };

describe("citationOf", () => {
  it("carries every field of the location and the quote verbatim", () => {
    const quote = "推进梁平中学新课程新教材示范校建设。";
    const citation = citationOf(section, quote);
    expect(citation).toEqual({ ...section, quote });
    expect(citationSchema.parse(citation)).toEqual(citation);
    expect(citationOf(table, "九年义务教育巩固率（%） 95.2 95.7 ≥96.1 约束性").table).toBe(table.table);
  });
});

describe("locationLabel", () => {
  it("names a box or the table before the chapter it sits in", () => {
    expect(locationLabel(box)).toBe("专栏5");
    expect(locationLabel(table)).toBe("指标体系表");
  });

  it("names chapter and section, a chapter alone, a part alone, or the body", () => {
    expect(locationLabel(section)).toBe("第七章第三节");
    expect(locationLabel({ ...section, section: null })).toBe("第七章");
    expect(locationLabel({ part: "第三篇", chapter: null, section: null, box: null, table: null })).toBe("第三篇");
    expect(locationLabel({ part: null, chapter: null, section: null, box: null, table: null })).toBe("规划正文");
  });
});

describe("uniqueCitations", () => {
  it("drops repeats of the same place and quote, keeping the first in order", () => {
    const first = citationOf(section, "甲。");
    const other = citationOf(box, "乙。");
    const result = uniqueCitations([first, other, citationOf(section, "甲。"), citationOf(section, "丙。")]);
    expect(result).toEqual([first, other, citationOf(section, "丙。")]);
    expect(result[0]).toBe(first);
  });

  it("keeps the same quote from another place or another plan", () => {
    const quote = "学前三年毛入园率达到92%。";
    expect(uniqueCitations([citationOf(section, quote), citationOf(box, quote), citationOf({ ...section, doc: "yunxi" }, quote)])).toHaveLength(3);
    expect(uniqueCitations([])).toEqual([]);
  });
});
