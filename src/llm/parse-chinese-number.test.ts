import { describe, expect, it } from "vitest";
import { parseChineseNumber } from "./parse-chinese-number.js";

describe("parseChineseNumber", () => {
  it.each([
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十三", 23],
    ["一百零五", 105],
    ["一百二十", 120],
    ["一百二", 120],
    ["两千", 2000],
    ["两千五", 2500],
    ["三千零五", 3005],
    ["一千零一十", 1010],
    ["一万", 10_000],
    ["十万", 100_000],
    ["一万二", 12_000],
    ["一万零五", 10_005],
    ["十二万三千", 123_000],
    ["一百二十万", 1_200_000],
    ["一亿零五万", 100_050_000],
    ["一万亿", 1e12],
    ["三点五", 3.5],
    ["一点二万", 12_000],
    ["八十四点零三亿", 8_403_000_000],
    ["〇", 0],
  ])("%s = %d", (text, value) => {
    expect(parseChineseNumber(text)).toBeCloseTo(value, 3);
  });

  it.each(["", "十四五", "一二", "四五十", "千万", "百万", "万一", "一点", "点五", "九九", "十十", "二百千", "一万万", "一亿亿"])("%s is not one number", (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });
});
