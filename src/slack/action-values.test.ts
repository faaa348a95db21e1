import { describe, expect, it } from "vitest";
import type { Citation } from "../answer/answer-schema.js";
import { ACTION_IDS, decodeAnswerReference, decodeCitation, encodeAnswerReference, encodeCitation, MAX_BUTTON_VALUE_LENGTH, VIEW_SOURCE_ACTION_PATTERN } from "./action-values.js";

const citation: Citation = {
  doc: "liangping-education-plan-2021-2025",
  part: "第二篇",
  chapter: "第五章",
  section: null,
  box: null,
  table: "梁平区教育事业发展“十四五”规划指标体系表",
  heading: "第二篇 总体思路 › 第五章 发展目标",
  quote: "学前三年毛入园率（%） 92 92.8 ≥94.0 预期性",
};

describe("button values", () => {
  it("round-trips a citation", () => {
    expect(decodeCitation(encodeCitation(citation))).toEqual(citation);
  });

  it("shortens a long quote so the value fits Slack's 2,000 characters", () => {
    const long = { ...citation, quote: "学前教育普及普惠".repeat(400) };
    const value = encodeCitation(long);
    expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE_LENGTH);
    const decoded = decodeCitation(value);
    expect(decoded?.table).toBe(citation.table);
    expect(long.quote.startsWith(decoded?.quote ?? "x")).toBe(true);
  });

  it("round-trips an answer reference and shortens a long question", () => {
    expect(decodeAnswerReference(encodeAnswerReference({ key: "abc", question: "那2022年呢？" }))).toEqual({ key: "abc", question: "那2022年呢？" });
    const value = encodeAnswerReference({ key: "abc", question: "问".repeat(5_000) });
    expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE_LENGTH);
    expect(decodeAnswerReference(value)?.key).toBe("abc");
  });

  it("returns null for values that are not ours", () => {
    for (const value of [undefined, "", "click_me_123", "{}", '{"k":1,"q":"x"}']) {
      expect(decodeAnswerReference(value)).toBeNull();
      expect(decodeCitation(value)).toBeNull();
    }
  });

  it("matches every view-source button id", () => {
    expect(VIEW_SOURCE_ACTION_PATTERN.test(`${ACTION_IDS.viewSource}:0`)).toBe(true);
    expect(VIEW_SOURCE_ACTION_PATTERN.test(`${ACTION_IDS.viewSource}:12`)).toBe(true);
    expect(VIEW_SOURCE_ACTION_PATTERN.test(ACTION_IDS.share)).toBe(false);
  });
});
